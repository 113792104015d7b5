/**
 * The page and API suites' set-up over one seeded organisation: `useSeededDb` plus the HTTP app
 * over its deps (no rate limit), closed before the database is dropped. Call it once inside a
 * describe block; `t`, `deps`, `org` and `app` are ready in the tests.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { DialectName } from "../../src/db/dialect.js";
import { createHttpApp } from "../../src/http/server.js";
import { DEFAULT_NOW, type SeedOptions } from "./fixtures.js";
import { type SeededDb, useSeededDb } from "./seeded-db.js";
import { startSmtp, type TestSmtp } from "./smtp.js";

export interface SeededApp extends SeededDb {
  readonly app: FastifyInstance;
}

export function useSeededApp(dialect: DialectName, options: SeedOptions, now = DEFAULT_NOW): SeededApp {
  const s = useSeededDb(dialect, options, now);
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    app = await createHttpApp({ deps: s.deps, rateLimitPerMinute: 0 });
  }, 60_000);
  // hooks after run in reverse: the app closes before useSeededDb drops the database
  afterAll(async () => {
    await app?.close();
  });
  return {
    get t() {
      return s.t;
    },
    get deps() {
      return s.deps;
    },
    get org() {
      return s.org;
    },
    get app() {
      if (!app) throw new Error("the app is served from beforeAll on");
      return app;
    },
  };
}

export interface SeededMailApp extends SeededApp {
  /** a real SMTP server in the test process; emptied before each test */
  readonly smtp: TestSmtp;
}

/**
 * `useSeededApp` for the suites of letters that leave Klara: the links they carry are absolute
 * from `publicUrl` (set before the app is built), and a real SMTP server receives them.
 */
export function useSeededMailApp(
  dialect: DialectName,
  options: SeedOptions,
  now: string,
  publicUrl: string,
): SeededMailApp {
  const s = useSeededApp(dialect, options, now);
  let smtp: TestSmtp | undefined;
  // links are made per letter from deps.publicUrl, so setting it once the app is built is enough
  beforeAll(async () => {
    s.deps.publicUrl = publicUrl;
    smtp = await startSmtp();
  }, 60_000);
  afterAll(async () => {
    await smtp?.close();
  });
  beforeEach(() => {
    if (smtp) smtp.received.length = 0;
  });
  return Object.defineProperty(s, "smtp", {
    get() {
      if (!smtp) throw new Error("the SMTP server runs from beforeAll on");
      return smtp;
    },
  }) as SeededMailApp;
}
