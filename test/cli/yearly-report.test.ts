/**
 * `klara report yearly` against the built command on the demo: the PDF and the HTML beside it,
 * their numbers against the database, valid SVG charts, no e-mail addresses; bad flags are one
 * line and a non-zero exit.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertWellFormedXml, EMAIL, pdfText, svgsOf } from "../support/yearly-report-check.js";
import { buildOnce, klara } from "./cli-process.js";

let dir: string;
let organisation: { id: string; name: string };
let complaints2026: number;

beforeAll(() => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), "klara-report-"));
  expect(klara(dir, "demo", "--db", "demo.db").code).toBe(0);
  const db = new Database(join(dir, "demo.db"), { readonly: true });
  organisation = db.prepare("select id, name from organisations where name = 'Demo Kommune'").get() as {
    id: string;
    name: string;
  };
  // the demo's cases are all received in 2026
  complaints2026 = (
    db.prepare("select count(*) as n from cases where organisation_id = ?").get(organisation.id) as {
      n: number;
    }
  ).n;
  db.close();
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("klara report yearly", { timeout: 120_000 }, () => {
  it("writes the yearly report as PDF and as HTML beside it, with the year's count and charts", async () => {
    const r = klara(
      dir,
      "report",
      "yearly",
      "--organisation",
      organisation.id,
      "--year",
      "2026",
      "--out",
      "r.pdf",
      "--db",
      "demo.db",
    );
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.join("\n")).toContain(`${complaints2026} complaints`);

    const html = readFileSync(join(dir, "r.html"), "utf8");
    expect(html).toContain('<html lang="da">');
    expect(html).toContain("Årsrapport om klager 2026");
    expect(html).toContain(`${organisation.name}, 1. januar 2026 – 31. december 2026`);
    expect(html).toMatch(
      new RegExp(`<th scope="row">Klager i alt</th><td class="align-text-right">${complaints2026}</td>`),
    );
    const svgs = svgsOf(html);
    expect(svgs.length).toBe(3); // by type, by category, the monthly trend
    for (const svg of svgs) assertWellFormedXml(svg);
    expect(html).not.toMatch(EMAIL);

    const pdf = readFileSync(join(dir, "r.pdf"));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(new Uint8Array(pdf));
    expect(text).toContain("Årsrapport om klager 2026");
    expect(text).toContain("Klager efter type");
    expect(text).toContain(String(complaints2026));
    expect(text).not.toMatch(EMAIL);
  });

  it("writes the citizens' advisor year in English when asked", async () => {
    const r = klara(
      dir,
      "report",
      "yearly",
      "--organisation",
      organisation.id,
      "--year",
      "2026",
      "--period",
      "advisor",
      "--lang",
      "en",
      "--out",
      "a.pdf",
      "--db",
      "demo.db",
    );
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain("2026-04-01 – 2027-03-31");
    const html = readFileSync(join(dir, "a.html"), "utf8");
    expect(html).toContain("Yearly report on complaints 2026/2027");
    expect(html).toContain("1 April 2026 – 31 March 2027");
    expect(await pdfText(new Uint8Array(readFileSync(join(dir, "a.pdf"))))).toContain(
      "Yearly report on complaints 2026/2027",
    );
  });

  it("refuses bad flags in one line with a non-zero exit", () => {
    const base = ["report", "yearly", "--out", "x.pdf", "--db", "demo.db"];
    const cases: [string[], RegExp][] = [
      [["--organisation", "no-such-organisation", "--year", "2026"], /organisation was not found/],
      [["--organisation", organisation.id, "--year", "26"], /year/],
      [["--organisation", organisation.id, "--year", "2026", "--period", "fiscal"], /period/],
      [["--organisation", organisation.id, "--year", "2026", "--lang", "de"], /lang/],
      [["--year", "2026"], /--organisation is required/],
    ];
    for (const [flags, message] of cases) {
      const r = klara(dir, ...base, ...flags);
      expect(r.code, flags.join(" ")).not.toBe(0);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(message);
    }
  });
});
