/**
 * Privacy at rest (issue 10 point 6), on each database: the national id is encrypted in the
 * database and shown masked; a national id typed into free text is not in the search index; error
 * details never repeat what was submitted; kept receipts hold no plaintext tracking token and an
 * Idempotency-Key replays only for the client that sent it; keys rotate; existing plaintext ids are
 * encrypted by a migration.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/app/create-token.js";
import { rotateKeys } from "../../src/app/national-id-keys.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase } from "../../src/db/case.repository.js";
import {
  type KlaraDb,
  migrateTo,
  migrateToLatest,
  migrationNames,
  openDatabase,
} from "../../src/db/create-db.js";
import { createKeyring, keyIdOf } from "../../src/db/national-id-cipher.js";
import { trackingTokenOf } from "../../src/db/tracking-token.repository.js";
import { createHttpApp } from "../../src/http/server.js";
import { type SeededOrganisation, seedOrganisation, testDeps } from "../support/fixtures.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

const CPR = "010190-1234";
const key1 = randomBytes(32);
const key2 = randomBytes(32);

describe.each(DIALECTS)("privacy at rest (%s)", (dialect) => {
  let t: TestDatabase;
  let db: KlaraDb;
  let deps: ReturnType<typeof testDeps>;
  let org: SeededOrganisation;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    t = await openTestDb(dialect, { migrate: false });
    await t.db.destroy();
    // the database as `klara` opens it: with a configured key
    db = openDatabase(t.target, { keyring: createKeyring([key1]), poolSize: 4 });
    await migrateToLatest(db);
    deps = testDeps(db);
    org = await seedOrganisation(deps, { country: "DK" });
    app = await createHttpApp({ deps, rateLimitPerMinute: 0 });
    token = await createToken(deps, org.people.coordinator.email);
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    // cleanup closes the handle openTestDb made (already closed) and drops the database
    await t?.cleanup().catch(() => {});
  });

  const complaint = (patch: Record<string, unknown> = {}) => ({
    procedure: "dk-school",
    unit: "SKOLE-A",
    category: "school_conduct",
    subject: "Mobning",
    description: "Min søn bliver mobbet.",
    complainant: { name: "Karen Jensen", email: "karen@example.org", nationalId: CPR, anonymous: false },
    ...patch,
  });
  const submit = (body: unknown, headers: Record<string, string> = {}, remoteAddress = "192.0.2.1") =>
    app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: body as object,
      headers,
      remoteAddress,
    });
  const rawData = async (id: string) =>
    (await db.kysely.selectFrom("cases").select("data").where("id", "=", id).executeTakeFirstOrThrow()).data;

  it("stores the national id encrypted, reads it back, and shows it masked", async () => {
    const res = await submit(complaint());
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    const data = await rawData(id);
    expect(data).not.toContain("1234");
    expect(data).not.toContain("010190");
    expect(JSON.parse(data).complainant.nationalId).toMatch(new RegExp(`^klara:v1:${keyIdOf(key1)}:`));
    expect((await findCase(db.kysely, id))!.complainant.nationalId).toBe(CPR);
    const shown = await app.inject({
      url: `/api/v1/cases/${id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().complainant.nationalId).toBe("010190-****");
    expect(shown.body).not.toContain("1234");
  });

  it("never repeats a submitted value in an error's details", async () => {
    const res = await submit(
      complaint({ complainant: { name: "Karen", email: "karen@example.org", nationalId: "0101-SECRET-99" } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain("complainant.nationalId");
    expect(res.body).not.toContain("SECRET");
    const badEmail = await submit(
      complaint({ complainant: { name: "Karen", email: "karen-at-secret.example" } }),
    );
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.body).not.toContain("karen-at-secret");
    // a field the request does not take is counted, its name (anything typed) not repeated
    const unknown = await submit({ ...complaint(), "010190-SECRET": "x" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).not.toContain("SECRET");
    // codes the use cases refuse are named by their field, not repeated
    for (const [field, patch] of [
      ["procedure", { procedure: "proc-MARKER" }],
      ["unit", { unit: "unit-MARKER" }],
      ["category", { category: "cat-MARKER" }],
    ] as const) {
      const res = await submit(complaint(patch));
      expect([field, res.statusCode]).toEqual([field, 400]);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(field);
      expect(res.body).not.toContain("MARKER");
    }
  });

  it("does not index a national id typed into the subject or description", async () => {
    const res = await submit(
      complaint({
        subject: `Klage fra 020304-5678`,
        description: `Mit CPR er 0203045678 og min søns 03040512345.`,
      }),
    );
    const id = res.json().id as string;
    const bodies = (
      await db.kysely.selectFrom("search_documents").select("body").where("case_id", "=", id).execute()
    ).map((r) => r.body);
    expect(bodies.join("\n")).not.toMatch(/020304|5678|0203045678|03040512345/);
    for (const q of ["020304-5678", "0203045678", "03040512345", "020304"]) {
      const found = await sql<{
        id: string;
      }>`select id from cases where ${db.dialect.caseMatches(q, "danish")}`.execute(db.kysely);
      expect([q, found.rows.map((r) => r.id)]).toEqual([q, []]);
    }
    // the words around it are still found
    const words = await sql<{
      id: string;
    }>`select id from cases where ${db.dialect.caseMatches("søns", "danish")}`.execute(db.kysely);
    expect(words.rows.map((r) => r.id)).toContain(id);
  });

  it("keeps no plaintext tracking token for a replay, and replays only to the client that sent the key", async () => {
    const body = complaint({ subject: "Idempotent" });
    const first = await submit(body, { "idempotency-key": "retry-1" }, "192.0.2.10");
    expect(first.statusCode).toBe(201);
    const again = await submit(body, { "idempotency-key": "retry-1" }, "192.0.2.10");
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toEqual(first.json());

    const rows = await db.kysely.selectFrom("idempotency_keys").selectAll().execute();
    const all = JSON.stringify(rows);
    expect(all).not.toContain(first.json().trackingToken);
    expect(all).not.toContain("retry-1");

    // another client sending the same key and body gets a case of its own, never the first receipt
    const other = await submit(body, { "idempotency-key": "retry-1" }, "198.51.100.7");
    expect(other.statusCode).toBe(201);
    expect(other.headers["idempotent-replayed"]).toBeUndefined();
    expect(other.json().id).not.toBe(first.json().id);
    expect(other.json().trackingToken).not.toBe(first.json().trackingToken);
  });

  it("rotates: everything sealed with the old key is sealed with the new one, then the old key can go", async () => {
    const { receipt } = await submitComplaint(deps, complaint({ subject: "Rotation" }), {
      idempotencyKey: "rotate-me",
      client: "192.0.2.20",
    });
    const both = openDatabase(t.target, { keyring: createKeyring([key2, key1]), poolSize: 2 });
    try {
      const result = await rotateKeys({ ...deps, db: both });
      expect(result.nationalIds).toBeGreaterThanOrEqual(1);
      expect(result.receipts).toBeGreaterThanOrEqual(1);
      // the cases' tracking tokens kept for the link in letters (decision 0025)
      expect(result.trackingTokens).toBeGreaterThanOrEqual(1);
      // a second run finds nothing left
      expect(await rotateKeys({ ...deps, db: both })).toMatchObject({
        nationalIds: 0,
        receipts: 0,
        trackingTokens: 0,
      });
    } finally {
      await both.destroy();
    }
    const onlyNew = openDatabase(t.target, { keyring: createKeyring([key2]), poolSize: 2 });
    try {
      expect((await findCase(onlyNew.kysely, receipt.id))!.complainant.nationalId).toBe(CPR);
      expect(JSON.parse(await rawData(receipt.id)).complainant.nationalId).toMatch(
        new RegExp(`^klara:v1:${keyIdOf(key2)}:`),
      );
      const sealed = await onlyNew.kysely
        .selectFrom("cases")
        .select("tracking_token_sealed")
        .where("id", "=", receipt.id)
        .executeTakeFirstOrThrow();
      expect(sealed.tracking_token_sealed).toMatch(new RegExp(`^klara:v1:${keyIdOf(key2)}:`));
      expect(await trackingTokenOf(onlyNew.kysely, receipt.id)).toBe(receipt.trackingToken);
      const replay = await submitComplaint({ ...deps, db: onlyNew }, complaint({ subject: "Rotation" }), {
        idempotencyKey: "rotate-me",
        client: "192.0.2.20",
      });
      expect(replay.replayed).toBe(true);
      expect(replay.receipt.trackingToken).toBe(receipt.trackingToken);
    } finally {
      await onlyNew.destroy();
    }
    // the old key alone no longer opens it
    const onlyOld = openDatabase(t.target, { keyring: createKeyring([key1]), poolSize: 2 });
    try {
      await expect(findCase(onlyOld.kysely, receipt.id)).rejects.toThrow(/not among the configured keys/);
    } finally {
      await onlyOld.destroy();
    }
  });

  it("encrypts the national ids stored in plaintext before (the migration)", async () => {
    const k = openDatabase(t.target, { keyring: createKeyring([key2]), poolSize: 2 });
    try {
      const { receipt } = await submitComplaint({ ...deps, db: k }, complaint({ subject: "Legacy" }));
      // back to the schema before encryption: the migration's down writes the ids in plaintext
      const names = migrationNames(k);
      await migrateTo(k, names[names.indexOf("2026-12-01T15-encrypt-at-rest") - 1]!);
      expect(JSON.parse(await rawData(receipt.id)).complainant.nationalId).toBe(CPR);
      await migrateToLatest(k);
      const data = await rawData(receipt.id);
      expect(data).not.toContain("1234");
      expect((await findCase(k.kysely, receipt.id))!.complainant.nationalId).toBe(CPR);
    } finally {
      await k.destroy();
    }
  });
});
