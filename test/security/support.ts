/**
 * The attack suite's set-up: a test organisation (not the demo) with two staff people who sign in
 * with a password, served by the real app on the dialect given.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { addPerson } from "../../src/app/add-person.js";
import type { AppDeps } from "../../src/app/context.js";
import type { DialectName } from "../../src/db/dialect.js";
import type { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp, type HttpOptions } from "../../src/http/server.js";
import { type SeededOrganisation, seedOrganisation, testDeps } from "../support/fixtures.js";
import { openTestDb, type TestDatabase } from "../support/test-db.js";

export const ALICE = { email: "alice.security@kommune.example", password: "alice-correct-horse-1" };
export const BOB = { email: "bob.security@kommune.example", password: "bob-battery-staple-2" };

export interface Served {
  t: TestDatabase;
  deps: AppDeps & { clock: FixedClock };
  org: SeededOrganisation;
  app: FastifyInstance;
}

/** One database and app per suite; `options` are passed on to createHttpApp. */
export function useServedOrganisation(
  dialect: DialectName,
  options: Partial<Omit<HttpOptions, "deps">> = {},
): () => Served {
  let served: Served | undefined;
  beforeAll(async () => {
    const t = await openTestDb(dialect);
    const deps = testDeps(t.db);
    const org = await seedOrganisation(deps, { country: "DK" });
    for (const p of [ALICE, BOB]) {
      await addPerson(deps, {
        email: p.email,
        name: p.email.split("@")[0] ?? "x",
        unit: "ROOT",
        roles: ["coordinator"],
        password: p.password,
        organisationId: org.organisation.id,
      });
    }
    const app = await createHttpApp({ deps, rateLimitPerMinute: 0, ...options });
    served = { t, deps, org, app };
  }, 60_000);
  afterAll(async () => {
    await served?.app.close();
    await served?.t.cleanup();
  });
  return () => {
    if (!served) throw new Error("served from beforeAll on");
    return served;
  };
}

/** A browser-like client from one client address: cookies carried along, CSRF tokens read from forms. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    readonly address = "127.0.0.1",
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember<T extends { headers: Record<string, unknown> }>(res: T): T {
    for (const c of [res.headers["set-cookie"]].flat()) {
      if (typeof c !== "string") continue;
      const [pair = ""] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === "" || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({
        url,
        remoteAddress: this.address,
        headers: { cookie: this.cookieHeader, ...headers },
      }),
    );
  }

  async post(url: string, fields: Record<string, string>) {
    return this.remember(
      await this.app.inject({
        method: "POST",
        url,
        remoteAddress: this.address,
        headers: { cookie: this.cookieHeader, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(fields).toString(),
      }),
    );
  }

  static token(html: string): string {
    return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  }

  async signIn(email: string, password: string, next = "/work") {
    const form = await this.get("/sign-in");
    return this.post("/sign-in", { _csrf: Client.token(form.body), email, password, next });
  }
}
