/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). Without Chromium the
 * browser suites skip and say why, except under KLARA_REQUIRE_ALL=1, where they fail.
 */
import { existsSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.KLARA_CHROMIUM ?? "/usr/bin/chromium";
export const HAS_CHROMIUM = existsSync(CHROMIUM);

if (!HAS_CHROMIUM) {
  const why = `Chromium is not at ${CHROMIUM} (apt-get install chromium, or set KLARA_CHROMIUM)`;
  if (process.env.KLARA_REQUIRE_ALL === "1") throw new Error(`KLARA_REQUIRE_ALL=1 but ${why}.`);
  console.log(`Browser suites are skipped: ${why}.`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * WCAG 2.1 A and AA rules (and axe's best practices) on the page as it is now. In axe's legacy mode
 * (axe.run in the page itself): the same rules and results on Klara's pages, which have no frames
 * from another origin (the only thing legacy mode leaves out, so one would fail here), without the
 * default mode's extra blank page per check, which cost a third of each check's time.
 */
export async function accessibilityViolations(page: Page) {
  const origin = new URL(page.url()).origin;
  const foreign = page
    .frames()
    .filter((f) => !f.url().startsWith("about:") && new URL(f.url()).origin !== origin);
  if (foreign.length)
    throw new Error(`axe in legacy mode skips frames of another origin: ${foreign[0]?.url()}`);
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .setLegacyMode(true)
    .analyze();
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}

export const PHONE = { width: 390, height: 844 };

/** The case page's form for a command, folded out first when it sits in a closed <details>. */
export async function caseAction(page: Page, command: string) {
  const action = page.locator(`#action-${command}`);
  const closed = await action.evaluate((el) => el.tagName === "DETAILS" && !el.hasAttribute("open"));
  if (closed) await action.locator("summary").click();
  return action;
}
