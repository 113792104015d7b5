/**
 * KLARA_PUBLIC_URL on the command line (decision 0025): a malformed address stops any command with
 * one line naming the variable; without it, `klara demo` and `klara mail deliver` say once that
 * links point to http://127.0.0.1:3000; with it, the demo's letters link to that address; `klara
 * serve` without it links to the address it listens on.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/create-db.js";
import { buildOnce, isServing, klara, serve } from "./cli-process.js";

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

async function letterBodies(file: string, caseId?: string): Promise<string[]> {
  const db = openDatabase(file);
  try {
    let query = db.kysely.selectFrom("outbox").select("body");
    if (caseId) query = query.where("case_id", "=", caseId);
    const rows = await query.execute();
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

  it("serve without it links to the address it listens on", async () => {
    const made = klaraWith({ KLARA_PUBLIC_URL: "" }, dir, "demo", "--db", "served.db", "--json");
    expect(made.code).toBe(0);
    const token = (JSON.parse(made.stdout) as { tokens: Record<string, string> }).tokens[
      "koordinator@kommune.example"
    ];
    const before = { ...process.env };
    process.env.KLARA_PUBLIC_URL = "";
    const served = serve(dir, ["--db", "served.db"]);
    process.env = before;
    const r = await served;
    if (!isServing(r)) throw new Error(`serve did not start: ${r.err.join(" ")}`);
    try {
      const api = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${r.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return (await res.json()) as Record<string, unknown>;
      };
      const list = (await api("GET", "/api/v1/cases?limit=100")) as { items: { id: string }[] };
      let caseId: string | undefined;
      for (const item of list.items) {
        const c = (await api("GET", `/api/v1/cases/${item.id}`)) as { allowedCommands?: string[] };
        if (c.allowedCommands?.includes("send-handler-link")) {
          caseId = item.id;
          break;
        }
      }
      expect(caseId).toBeDefined();
      await api("POST", `/api/v1/cases/${caseId}/commands/send-handler-link`, {
        handlerName: "Lise Skovgaard",
        handlerEmail: "lise@skole.example",
      });
      const bodies = await letterBodies(join(dir, "served.db"), caseId);
      expect(bodies.some((b) => b.includes(`${r.url}/handler/klh`))).toBe(true);
    } finally {
      expect(await r.stop()).toBe(0);
    }
  }, 120_000);
});
