/**
 * KLARA_PUBLIC_URL on the command line (decision 0025): a malformed address stops any command with
 * one line naming the variable; without it, `klara demo` and `klara mail deliver` say once that
 * links point to http://127.0.0.1:3000; with it, the demo's letters link to that address.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/create-db.js";
import { buildOnce, klara } from "./cli-process.js";

/** `klara` with these environment variables set for the child (cli-process passes process.env on). */
function klaraWith(env: Record<string, string>, cwd: string, ...args: string[]) {
  const before = { ...process.env };
  Object.assign(process.env, env);
  try {
    return klara(cwd, ...args);
  } finally {
    process.env = before;
  }
}

async function letterBodies(file: string): Promise<string[]> {
  const db = openDatabase(file);
  try {
    const rows = await db.kysely.selectFrom("outbox").select("body").execute();
    return rows.map((r) => r.body ?? "");
  } finally {
    await db.destroy();
  }
}

describe("KLARA_PUBLIC_URL", () => {
  let dir: string;

  beforeAll(() => {
    buildOnce();
    dir = mkdtempSync(join(tmpdir(), "klara-public-url-"));
  }, 180_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  // each variant of a malformed address is in test/app/public-url.test.ts; here the command's answer
  it.each(["https://klage.kommune.dk/?from=mail", "https://user:secret@klage.kommune.dk"])(
    "refuses %s with one line naming the variable and a non-zero exit",
    (value) => {
      const r = klaraWith({ KLARA_PUBLIC_URL: value }, dir, "migrate", "--db", "refused.db");
      expect(r.code).toBe(1);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(/^klara: .*KLARA_PUBLIC_URL: must be an http:\/\/ or https:\/\/ address/);
      expect(r.err[0]).not.toContain("secret");
    },
  );

  it("without it, klara demo and mail deliver warn once that links point to http://127.0.0.1:3000", async () => {
    const demo = klaraWith({ KLARA_PUBLIC_URL: "" }, dir, "demo", "--db", "local.db");
    expect(demo.code).toBe(0);
    expect(demo.err).toHaveLength(1);
    expect(demo.err[0]).toMatch(/^klara: warning: KLARA_PUBLIC_URL is not set; .*http:\/\/127\.0\.0\.1:3000/);
    const deliver = klaraWith(
      { KLARA_PUBLIC_URL: "", KLARA_SMTP_URL: "" },
      dir,
      "mail",
      "deliver",
      "--db",
      "local.db",
    );
    expect(deliver.code).toBe(0);
    expect(deliver.err).toEqual(demo.err);
    const linked = (await letterBodies(join(dir, "local.db"))).filter((b) => b.includes("/cases/"));
    expect(linked.length).toBeGreaterThan(0);
    for (const body of linked) expect(body).toMatch(/http:\/\/127\.0\.0\.1:3000\/cases\//);
  }, 120_000);

  it("with it, the demo's letters and e-mails link to that address (a trailing slash is dropped)", async () => {
    const demo = klaraWith({ KLARA_PUBLIC_URL: "https://klage.example/" }, dir, "demo", "--db", "public.db");
    expect(demo.err).toEqual([]);
    expect(demo.code).toBe(0);
    const bodies = await letterBodies(join(dir, "public.db"));
    expect(bodies.some((b) => b.includes("https://klage.example/cases/"))).toBe(true);
    expect(bodies.some((b) => b.includes("https://klage.example/notifications"))).toBe(true);
    expect(bodies.join("\n")).not.toContain("https://klage.example//");
    expect(bodies.join("\n")).not.toContain("127.0.0.1");
    // no link is a bare path any more
    expect(bodies.join("\n")).not.toMatch(/[\s(:]\/(cases|handler|notifications|work|complaints)\//);
  }, 120_000);
});
