/**
 * The demo organisations served over HTTP, for the page tests: one database (a copy of the run's
 * demo template) and app per suite on the dialect given, the clock fixed on Monday 2 March 2026,
 * every demo person able to sign in and holding an API token.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import { createDeps } from "../../src/app/context.js";
import type { DialectName } from "../../src/db/dialect.js";
import { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp } from "../../src/http/server.js";
import { demoCopy } from "./demo-template.js";
import type { TestDatabase } from "./test-db.js";
import { WebClient } from "./web-session.js";

export const DEMO_NOW = "2026-03-02T09:00:00Z";

interface Served {
  t: TestDatabase;
  deps: ReturnType<typeof createDeps>;
  /** the deps' clock, for the suites that move it */
  clock: FixedClock;
  app: FastifyInstance;
  passwords: Record<string, string>;
  /** an API token of every demo person, by e-mail */
  tokens: Record<string, string>;
}

export interface DemoWeb extends Served {
  /** a browser-like client signed in as the demo person */
  signedIn(email: string): Promise<WebClient>;
  personId(email: string): Promise<string>;
}

/** Registers the suite's set-up and tear-down; the fields are there once `beforeAll` has run. */
export function useDemoWeb(dialect: DialectName): DemoWeb {
  let served: Served | undefined;
  beforeAll(async () => {
    // the demo as `klara demo` loads it at DEMO_NOW, copied from the run's template
    const { t, passwords, tokens } = await demoCopy(dialect, DEMO_NOW);
    const clock = FixedClock.at(DEMO_NOW);
    const deps = createDeps(t.db, clock);
    served = { t, deps, clock, passwords, tokens, app: await createHttpApp({ deps, rateLimitPerMinute: 0 }) };
  }, 60_000);
  afterAll(async () => {
    await served?.app.close();
    await served?.t.cleanup();
  });
  const now = (): Served => {
    if (!served) throw new Error("the demo is served from beforeAll on");
    return served;
  };
  return {
    get t() {
      return now().t;
    },
    get deps() {
      return now().deps;
    },
    get app() {
      return now().app;
    },
    get passwords() {
      return now().passwords;
    },
    get clock() {
      return now().clock;
    },
    get tokens() {
      return now().tokens;
    },
    async signedIn(email) {
      const client = new WebClient(now().app);
      expect((await client.signIn(email, now().passwords[email] ?? "")).statusCode, email).toBe(303);
      return client;
    },
    async personId(email) {
      const row = await now()
        .t.db.kysely.selectFrom("people")
        .select("id")
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      return row.id;
    },
  };
}
