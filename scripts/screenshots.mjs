// Takes the screenshots in docs/screenshots/ (desktop and phone) of the main pages, on a fresh
// demo database, with Debian's Chromium. Run `npm run screenshots` (it builds first).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { createDeps } from "../dist/app/context.js";
import { loadDemo } from "../dist/app/load-demo.js";
import { submitComplaint } from "../dist/app/submit-complaint.js";
import { migrateToLatest, openDatabase } from "../dist/db/create-db.js";
import { systemClock } from "../dist/domain/clock.js";
import { createHttpApp } from "../dist/http/server.js";

const out = join(process.cwd(), "docs", "screenshots");
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "klara-shots-"));
const db = openDatabase(join(dir, "klara.db"));
await migrateToLatest(db);
const deps = createDeps(db, systemClock);
const { passwords } = await loadDemo(deps);
const { receipt } = await submitComplaint(deps, {
  procedure: "dk-school",
  unit: "SKOLE-A",
  category: "school_conduct",
  subject: "Mobning i 5.B",
  description: "Min søn bliver mobbet i frikvartererne, og skolen reagerer ikke.",
  complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
});
const app = await createHttpApp({ deps, rateLimitPerMinute: 0 });
const base = await app.listen({ host: "127.0.0.1", port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.KLARA_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
});

const shots = [];
for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
]) {
  const context = await browser.newContext({ viewport, locale: "da-DK" });
  const page = await context.newPage();
  const shoot = async (name) => {
    const file = `${name}-${device}.png`;
    await page.screenshot({ path: join(out, file), fullPage: true });
    shots.push(file);
  };
  await page.goto(`${base}/`);
  await shoot("start");
  await page.goto(`${base}/complaints/new/dk-school`);
  await shoot("complaint-form");
  await page.click("button[type=submit]");
  await shoot("complaint-form-errors");
  await page.goto(`${base}/complaints/status/${receipt.trackingToken}?submitted=1`);
  await shoot("receipt");
  await page.goto(`${base}/sign-in`);
  await page.fill("#email", "koordinator@kommune.example");
  await page.fill("#password", passwords["koordinator@kommune.example"]);
  await page.click("main button[type=submit]");
  await page.waitForURL(/\/work/);
  await shoot("my-work");
  await page.goto(`${base}/cases?sort=-received`);
  await shoot("case-search");
  await page.goto(`${base}/cases/${receipt.id}`);
  await shoot("case");
  // the admin's pages and the numbers
  await context.clearCookies();
  await page.goto(`${base}/sign-in`);
  await page.fill("#email", "admin@kommune.example");
  await page.fill("#password", passwords["admin@kommune.example"]);
  await page.click("main button[type=submit]");
  await page.waitForURL(/\/work/);
  await page.goto(`${base}/admin/procedures/dk-school`);
  await shoot("procedure-edit");
  await page.goto(`${base}/statistics?groupBy=category`);
  await shoot("statistics");
  await context.close();
}
await browser.close();
await app.close();
rmSync(dir, { recursive: true, force: true });
console.log(`wrote ${shots.length} screenshots to docs/screenshots/`);
