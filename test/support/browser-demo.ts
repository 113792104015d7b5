/**
 * The browser suites' set-up: the demo on a SQLite file at the demo's Monday, Klara listening on a
 * loopback port, one Chromium, and a sign-in through the real sign-in page. Each suite calls
 * `useBrowserDemo()` once inside its describe block.
 */
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/load-demo.js";
import { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp } from "../../src/http/server.js";
import { launchBrowser } from "./browser.js";
import { openTestDb, type TestDatabase } from "./test-db.js";

export interface BrowserDemo {
  readonly t: TestDatabase;
  readonly deps: ReturnType<typeof createDeps>;
  readonly app: FastifyInstance;
  readonly browser: Browser;
  /** the server's address, e.g. http://127.0.0.1:41234 */
  readonly base: string;
  readonly passwords: Record<string, string>;
  readonly tokens: Record<string, string>;
  /** A new browser context signed in as the demo person `email`, at `url` (or /work), passed to `work`. */
  as(
    email: string,
    work: (page: Page) => Promise<void>,
    options?: { url?: string } & BrowserContextOptions,
  ): Promise<void>;
  /** Signs in on the sign-in page of an open page (Danish labels). */
  signIn(page: Page, email: string): Promise<void>;
}

export function useBrowserDemo(): BrowserDemo {
  const state = {} as {
    t: TestDatabase;
    deps: ReturnType<typeof createDeps>;
    app: FastifyInstance;
    browser: Browser;
    base: string;
    passwords: Record<string, string>;
    tokens: Record<string, string>;
  };

  beforeAll(async () => {
    state.t = await openTestDb("sqlite");
    state.deps = createDeps(state.t.db, FixedClock.at("2026-03-02T09:00:00Z"));
    ({ passwords: state.passwords, tokens: state.tokens } = await loadDemo(state.deps));
    state.app = await createHttpApp({ deps: state.deps, rateLimitPerMinute: 0 });
    state.base = await state.app.listen({ host: "127.0.0.1", port: 0 });
    state.browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await state.browser?.close();
    await state.app?.close();
    await state.t?.cleanup();
  });

  const signIn = async (page: Page, email: string) => {
    await page.goto(`${state.base}/sign-in`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Adgangskode").fill(state.passwords[email] ?? "");
    await page.getByRole("button", { name: "Log ind" }).click();
    await page.waitForURL(/\/work$/);
  };

  return {
    get t() {
      return state.t;
    },
    get deps() {
      return state.deps;
    },
    get app() {
      return state.app;
    },
    get browser() {
      return state.browser;
    },
    get base() {
      return state.base;
    },
    get passwords() {
      return state.passwords;
    },
    get tokens() {
      return state.tokens;
    },
    signIn,
    async as(email, work, options = {}) {
      const { url, ...contextOptions } = options;
      const context = await state.browser.newContext({ locale: "da-DK", ...contextOptions });
      const page = await context.newPage();
      try {
        await signIn(page, email);
        if (url) await page.goto(url.startsWith("/") ? `${state.base}${url}` : url);
        await work(page);
      } finally {
        await context.close();
      }
    },
  };
}
