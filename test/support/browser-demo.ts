/**
 * The browser suites' set-up: the demo on a SQLite file at the demo's Monday (useDemoWeb), Klara
 * listening on a loopback port, one Chromium, and a sign-in through the real sign-in page. Each
 * suite calls `useBrowserDemo()` once inside its describe block.
 */
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { createDeps } from "../../src/app/context.js";
import { launchBrowser } from "./browser.js";
import { useDemoWeb } from "./demo-web.js";
import type { TestDatabase } from "./test-db.js";

export interface BrowserDemo {
  readonly t: TestDatabase;
  readonly deps: ReturnType<typeof createDeps>;
  readonly app: FastifyInstance;
  readonly browser: Browser;
  /** the server's address, e.g. http://127.0.0.1:41234 */
  readonly base: string;
  readonly passwords: Record<string, string>;
  readonly tokens: Record<string, string>;
  /**
   * A tab signed in as the demo person `email` through the sign-in page, at `url` (or /work),
   * passed to `work`. One tab per set of context options, its cookies cleared before each sign-in:
   * a journey hands a case between people several times, and a new context and tab each time cost
   * most of a second of Chromium's time for nothing a fresh sign-in does not already give.
   */
  as(
    email: string,
    work: (page: Page) => Promise<void>,
    options?: { url?: string } & BrowserContextOptions,
  ): Promise<void>;
  /** Signs in on the sign-in page of an open page (Danish labels). */
  signIn(page: Page, email: string): Promise<void>;
}

export function useBrowserDemo(): BrowserDemo {
  const demo = useDemoWeb("sqlite");
  const state = {} as { browser: Browser; base: string };

  beforeAll(async () => {
    state.base = await demo.app.listen({ host: "127.0.0.1", port: 0 });
    state.browser = await launchBrowser();
  }, 60_000);
  // hooks after run in reverse: Chromium closes before useDemoWeb closes the app and drops the database
  afterAll(async () => {
    await state.browser?.close();
  });

  const tabs = new Map<string, { context: BrowserContext; page: Page }>();

  const signIn = async (page: Page, email: string) => {
    await page.goto(`${state.base}/sign-in`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Adgangskode").fill(demo.passwords[email] ?? "");
    await page.getByRole("button", { name: "Log ind" }).click();
    await page.waitForURL(/\/work$/);
  };

  return {
    get t() {
      return demo.t;
    },
    get deps() {
      return demo.deps;
    },
    get app() {
      return demo.app;
    },
    get browser() {
      return state.browser;
    },
    get base() {
      return state.base;
    },
    get passwords() {
      return demo.passwords;
    },
    get tokens() {
      return demo.tokens;
    },
    signIn,
    async as(email, work, options = {}) {
      const { url, ...contextOptions } = options;
      const key = JSON.stringify(contextOptions);
      let tab = tabs.get(key);
      if (!tab) {
        const context = await state.browser.newContext({ locale: "da-DK", ...contextOptions });
        tab = { context, page: await context.newPage() };
        tabs.set(key, tab);
      }
      const { context, page } = tab;
      await context.clearCookies();
      await signIn(page, email);
      if (url) await page.goto(url.startsWith("/") ? `${state.base}${url}` : url);
      await work(page);
    },
  };
}
