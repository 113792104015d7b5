/**
 * The staff and admin pages of several demo people (coordinator, handler, approver, analyst, admin;
 * Danish and Norwegian) in Chromium at phone width, as axe sees it: each page for each person whose
 * markup of it differs (axeVisits in every-page.ts; every kind of page at least once per language).
 * The public pages: accessibility.browser.test.ts.
 */
import { describe } from "vitest";
import { useAxePhone } from "../support/axe-phone.js";
import { HAS_CHROMIUM } from "../support/browser.js";
import { STAFF } from "../support/every-page.js";

describe.skipIf(!HAS_CHROMIUM)("the staff pages at phone width in Chromium, as axe sees it", () => {
  const axe = useAxePhone();
  for (const who of STAFF) axe.itFindsNoViolation(who);
});
