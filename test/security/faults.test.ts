/**
 * Honest failures (issue 10 point 4), with real conditions: a full file system (a tmpfs of fixed
 * size), a read-only file system (the same tmpfs remounted read-only), a database locked by
 * another process's transaction (busy_timeout honoured), and a database that cannot be reached.
 * Each answers 503 problem+json with Retry-After, /healthz says 503 while writes fail, and the log
 * names the real cause. The tmpfs tests need root (mount); elsewhere they are skipped and say so.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type AddressInfo, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { type KlaraDb, migrateToLatest, openDatabase } from "../../src/db/create-db.js";
import { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp } from "../../src/http/server.js";
import { seedOrganisation, testDeps } from "../support/fixtures.js";

const require = createRequire(import.meta.url);

const COMPLAINT = {
  procedure: "dk-school",
  subject: "Larm i klassen",
  description: "Der er for meget larm.",
  complainant: { name: "Karen Jensen", email: "karen@example.org" },
};

function logCollector() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

function tryMount(dir: string, sizeKb: number): boolean {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k`, "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Whether this process may mount a tmpfs: tried once on a scratch folder and undone at once. */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), "klara-mount-probe-"));
  try {
    if (!tryMount(probe, 64)) return false;
    execFileSync("umount", [probe]);
    return true;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const CAN_MOUNT = canMount();
if (!CAN_MOUNT) {
  console.log("Fault tests on a full and a read-only file system are skipped: mounting a tmpfs needs root.");
}

async function expect503(res: Awaited<ReturnType<FastifyInstance["inject"]>>) {
  expect(res.statusCode).toBe(503);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
  expect(res.json()).toMatchObject({ status: 503, type: "https://klara.example/problems/unavailable" });
}

describe.skipIf(!CAN_MOUNT)("a full and then a read-only file system (SQLite on a 6 MB tmpfs)", () => {
  let mountDir: string;
  let db: KlaraDb;
  let app: FastifyInstance;
  const log = logCollector();

  beforeAll(async () => {
    // mounted here, not when the file loads, so a run that skips the suite leaves no mount behind
    mountDir = mkdtempSync(join(tmpdir(), "klara-fault-"));
    if (!tryMount(mountDir, 6 * 1024)) throw new Error(`could not mount a tmpfs on ${mountDir}`);
    db = openDatabase(join(mountDir, "klara.db"));
    await migrateToLatest(db);
    const deps = testDeps(db);
    await seedOrganisation(deps, { country: "DK" });
    app = await createHttpApp({ deps, rateLimitPerMinute: 0, logger: { level: "info", stream: log.stream } });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    execFileSync("umount", ["-l", mountDir]);
    rmSync(mountDir, { recursive: true, force: true });
  });

  it("answers 503 with the real cause while the disk is full, and recovers when it is not", async () => {
    expect(
      (await app.inject({ method: "POST", url: "/api/v1/complaints", payload: COMPLAINT })).statusCode,
    ).toBe(201);
    // fill the file system to the last byte
    const filler = join(mountDir, "filler");
    const block = Buffer.alloc(64 * 1024, 1);
    try {
      for (let i = 0; i < 1000; i++) writeFileSync(filler, block, { flag: "a" });
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
    }
    try {
      writeFileSync(join(mountDir, "last"), Buffer.alloc(1024));
    } catch {}
    const before = log.lines.length;
    let failed: Awaited<ReturnType<FastifyInstance["inject"]>> | undefined;
    // the first writes may still fit in free pages of the file; a complaint with a long text will not
    for (let i = 0; i < 50 && !failed; i++) {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/complaints",
        payload: { ...COMPLAINT, description: "x".repeat(20_000) },
      });
      if (res.statusCode !== 201) failed = res;
    }
    expect(failed).toBeDefined();
    await expect503(failed!);
    const health = await app.inject({ url: "/healthz" });
    expect(health.statusCode).toBe(503);
    expect(Number(health.headers["retry-after"])).toBeGreaterThan(0);
    const logged = log.lines.slice(before).join("");
    expect(logged).toMatch(/SQLITE_FULL|SQLITE_IOERR|disk is full/);
    expect(logged).not.toMatch(/cannot rollback|no transaction is active|Unhandled error/);
    // a web page answers 503 too, not 500
    const page = await app.inject({
      method: "POST",
      url: "/sign-in",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "email=a%40b.c&password=x",
    });
    expect(page.statusCode).not.toBe(500);

    rmSync(filler, { force: true });
    rmSync(join(mountDir, "last"), { force: true });
    const again = await app.inject({ method: "POST", url: "/api/v1/complaints", payload: COMPLAINT });
    expect(again.statusCode).toBe(201);
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);
  }, 60_000);
});

describe.skipIf(!CAN_MOUNT)(
  "a read-only file system (a read-only bind mount of the database's folder)",
  () => {
    let dir: string;
    let readOnly: string;
    let keeper: KlaraDb;
    let db: KlaraDb;
    let app: FastifyInstance;
    const log = logCollector();

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "klara-rw-"));
      readOnly = mkdtempSync(join(tmpdir(), "klara-ro-"));
      // made writable, then served through a read-only view of the same folder
      keeper = openDatabase(join(dir, "klara.db"));
      await migrateToLatest(keeper);
      await seedOrganisation(testDeps(keeper), { country: "DK" });
      execFileSync("mount", ["--bind", dir, readOnly]);
      execFileSync("mount", ["-o", "remount,bind,ro", readOnly]);
      db = openDatabase(join(readOnly, "klara.db"));
      app = await createHttpApp({
        deps: testDeps(db),
        rateLimitPerMinute: 0,
        logger: { level: "info", stream: log.stream },
      });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await db?.destroy();
      await keeper?.destroy();
      execFileSync("umount", ["-l", readOnly]);
      rmSync(readOnly, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    });

    it("answers 503 naming the read-only database, and /healthz 503 while writes fail", async () => {
      expect((await app.inject({ url: "/complaints/new/dk-school" })).statusCode).toBe(200);
      const res = await app.inject({ method: "POST", url: "/api/v1/complaints", payload: COMPLAINT });
      await expect503(res);
      expect((await app.inject({ url: "/healthz" })).statusCode).toBe(503);
      const logged = log.lines.join("");
      expect(logged).toMatch(/SQLITE_READONLY/);
      expect(logged).not.toMatch(/cannot rollback|no transaction is active|Unhandled error/);
      expect(logged).not.toContain("karen@example.org");
    }, 30_000);
  },
);

describe("a database locked by another process's transaction", () => {
  let dir: string;
  let db: KlaraDb;
  let app: FastifyInstance;
  const log = logCollector();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "klara-lock-"));
    db = openDatabase(join(dir, "klara.db"));
    await migrateToLatest(db);
    const deps = testDeps(db);
    await seedOrganisation(deps, { country: "DK" });
    app = await createHttpApp({ deps, rateLimitPerMinute: 0, logger: { level: "info", stream: log.stream } });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("waits for a short lock (busy_timeout) and answers 503 after a long one", async () => {
    // another process holds the write lock for 0.7 s: within busy_timeout, so the write waits
    const short = holdLock(join(dir, "klara.db"), 700);
    await short.locked;
    const waited = await app.inject({ method: "POST", url: "/api/v1/complaints", payload: COMPLAINT });
    expect(waited.statusCode).toBe(201);
    await short.done;

    // held for longer than busy_timeout (5 s): 503, and the cause in the log
    const long = holdLock(join(dir, "klara.db"), 8_000);
    await long.locked;
    const before = log.lines.length;
    const res = await app.inject({ method: "POST", url: "/api/v1/complaints", payload: COMPLAINT });
    await expect503(res);
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(503);
    const logged = log.lines.slice(before).join("");
    expect(logged).toMatch(/SQLITE_BUSY|database is locked/);
    expect(logged).not.toMatch(/cannot rollback|no transaction is active/);
    long.child.kill();
    await long.done;
    expect(
      (await app.inject({ method: "POST", url: "/api/v1/complaints", payload: COMPLAINT })).statusCode,
    ).toBe(201);
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);
  }, 40_000);
});

/** A separate process that takes SQLite's write lock on the file and keeps it for `ms`. */
function holdLock(file: string, ms: number) {
  const script = `
    const SQLite = require(${JSON.stringify(require.resolve("better-sqlite3"))});
    const db = new SQLite(process.argv[1]);
    db.exec("begin immediate");
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("commit"); db.close(); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ["-e", script, file, String(ms)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const locked = new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  const done = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, locked, done };
}

describe("a database that cannot be reached", () => {
  const db = openDatabase("postgres://postgres@127.0.0.1:1/klara_test_unreachable", { poolSize: 1 });
  const log = logCollector();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createHttpApp({
      deps: createDeps(db, FixedClock.at("2026-03-02T09:00:00Z")),
      rateLimitPerMinute: 0,
      logger: { level: "info", stream: log.stream },
    });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it("gives 503 with Retry-After on the API and 503 pages on the web", async () => {
    await expect503(await app.inject({ method: "POST", url: "/api/v1/complaints", payload: COMPLAINT }));
    for (const url of ["/", "/complaints/new/dk-school", "/complaints/status/kt_x"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers["content-type"], url).toContain("text/html");
      expect(Number(res.headers["retry-after"]), url).toBeGreaterThan(0);
    }
    const signIn = await app.inject({ url: "/sign-in" });
    const cookie = [signIn.headers["set-cookie"]]
      .flat()
      .map((c) => String(c).split(";")[0])
      .join("; ");
    const token = /name="_csrf" value="([^"]+)"/.exec(signIn.body)?.[1] ?? "";
    const post = await app.inject({
      method: "POST",
      url: "/sign-in",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: token, email: "a@b.example", password: "x" }).toString(),
    });
    expect(post.statusCode).toBe(503);
    expect(log.lines.join("")).toContain("ECONNREFUSED");
  });
});

describe("malformed client input on the pages", () => {
  const db = openDatabase("postgres://postgres@127.0.0.1:1/klara_test_unreachable", { poolSize: 1 });
  let app: FastifyInstance;
  const log = logCollector();
  beforeAll(async () => {
    app = await createHttpApp({
      deps: createDeps(db, FixedClock.at("2026-03-02T09:00:00Z")),
      rateLimitPerMinute: 0,
      logger: { level: "info", stream: log.stream },
    });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it("is 400, 403, 404 or 415, never 500", async () => {
    const probes = [
      {
        method: "POST",
        url: "/complaints/new/dk-school",
        headers: { "content-type": "multipart/form-data" },
        payload: "x",
      },
      {
        method: "POST",
        url: "/complaints/status/kt_x",
        headers: { "content-type": "multipart/form-data; boundary=" },
        payload: "--\r\n",
      },
      {
        method: "POST",
        url: "/complaints/new/dk-school",
        headers: { "content-type": "multipart/form-data; boundary=abc" },
        payload: '--abc\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nx\r\n--ab',
      },
      {
        method: "POST",
        url: "/complaints/new/dk-school",
        headers: { "content-type": "application/xml" },
        payload: "<a/>",
      },
      { method: "POST", url: "/sign-in", headers: { "content-type": "text/plain" }, payload: "hello" },
      { method: "POST", url: "/sign-in", headers: { "content-type": "application/json" }, payload: "{" },
      { method: "GET", url: "/assets/dkfds/..%2f..%2fpackage.json" },
      { method: "GET", url: "/assets/dkfds/%2e%2e/%2e%2e/package.json" },
      { method: "GET", url: "/assets/%2e%2e%2fweb-plugin.ts" },
      { method: "GET", url: "/assets/..%5c..%5cpackage.json" },
      { method: "GET", url: "/assets/dkfds/%c0%ae%c0%ae/package.json" },
      { method: "GET", url: "/assets/dkfds/%00" },
    ];
    for (const probe of probes) {
      const res = await app.inject(probe as InjectOptions);
      const what = `${probe.method} ${probe.url} ${JSON.stringify(probe.headers ?? {})} → ${res.statusCode}`;
      expect([400, 403, 404, 406, 413, 415], what).toContain(res.statusCode);
      expect(res.body, what).not.toContain('"name": "klara"');
    }
    expect(log.lines.join("")).not.toMatch(/"level":50.*(Unhandled|answered 500)/);
  });
});

describe("a client that hangs up", () => {
  let dir: string;
  let db: KlaraDb;
  let app: FastifyInstance;
  const log = logCollector();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "klara-hangup-"));
    db = openDatabase(join(dir, "klara.db"));
    await migrateToLatest(db);
    app = await createHttpApp({
      deps: testDeps(db),
      rateLimitPerMinute: 0,
      logger: { level: "info", stream: log.stream },
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is not logged as a database outage", async () => {
    const { port } = app.server.address() as AddressInfo;
    for (const path of ["/complaints/new/dk-school", "/api/v1/complaints"]) {
      await new Promise<void>((resolve) => {
        const socket = connect(port, "127.0.0.1", () => {
          const multipart = path.startsWith("/complaints");
          socket.write(
            `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n` +
              `Content-Type: ${multipart ? "multipart/form-data; boundary=abc" : "application/json"}\r\n\r\n` +
              (multipart
                ? '--abc\r\nContent-Disposition: form-data; name="subject"\r\n\r\nhalf'
                : '{"procedure":'),
          );
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 150);
        });
        socket.on("error", () => undefined);
      });
    }
    await new Promise((r) => setTimeout(r, 300));
    const logged = log.lines.join("");
    expect(logged).not.toContain("Database unavailable");
    expect(logged).not.toMatch(/"level":50/);
  });
});
