/** English: the accessibility statement (see `da-accessibility.ts`). */
import type { AccessibilityMessages } from "./da-accessibility.js";

export const enAccessibility: AccessibilityMessages = {
  "a11y.link": "Accessibility statement",
  "a11y.title": "Accessibility statement",
  "a11y.titleFor": "Accessibility statement for {name}",
  "a11y.choose": "Choose the authority whose accessibility statement you want to read.",
  "a11y.external": "{name} has published its accessibility statement here:",
  "a11y.default.intro":
    "{name} wants everyone to be able to complain and follow their complaint here, whatever their abilities. The pages follow the law on the accessibility of public sector websites and mobile applications and the standard EN 301 549 (WCAG 2.1 level AA).",
  "a11y.default.how":
    "The pages are built with the Danish common design system, work without JavaScript and on phones, can be used with a keyboard and a screen reader, and are checked automatically with axe and the Nu Html Checker on every change.",
  "a11y.default.known":
    "Known limitations: documents that you or the authority attach are not necessarily accessible.",
  "a11y.default.contact":
    "If you meet a problem with accessibility, contact {name}. You can also complain to the national authority that supervises accessibility (in Denmark the Agency for Digital Government, in Norway the Norwegian Digitalisation Agency).",
  "a11y.admin.title": "Accessibility statement",
  "a11y.admin.intro":
    "Every page's footer links to the organisation's accessibility statement. Give the address of the statement if it is published elsewhere (e.g. on was.digst.dk or uustatus.no), or write its text here. With neither, a default text is shown.",
  "a11y.admin.url": "Address of the statement (optional)",
  "a11y.admin.url.hint": "E.g. https://www.was.digst.dk/… Readers are then sent there.",
  "a11y.admin.text": "Text of the statement (optional)",
  "a11y.admin.saved": "The accessibility statement is saved.",
  "a11y.admin.view": "See the statement",
  "a11y.error.url": "Write an address that starts with https:// or http://.",
  "a11y.error.text": "The text can be at most 20,000 characters.",
};
