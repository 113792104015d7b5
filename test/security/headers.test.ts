/**
 * Security headers on every answer (issue 10 point 8): every route the app registers, asked
 * without credentials, plus a 404, an error and a static file. The tracking page also keeps its
 * secret URL out of referrers and search engines.
 */
import type { InjectOptions } from "fastify";
import { describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/server.js";
import { DIALECTS } from "../support/test-db.js";
import { useServedOrganisation } from "./support.js";

function expectSecurityHeaders(res: { headers: Record<string, unknown> }, what: string, hsts = true) {
  const csp = String(res.headers["content-security-policy"] ?? "");
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain("unsafe-inline");
  expect(csp, what).not.toContain("unsafe-eval");
  expect(res.headers["x-content-type-options"], what).toBe("nosniff");
  expect(res.headers["permissions-policy"], what).toMatch(/camera=\(\)/);
  expect(res.headers["x-frame-options"], what).toBe("DENY");
  if (hsts) expect(res.headers["strict-transport-security"], what).toMatch(/max-age=\d+/);
}

/** A concrete URL for a route pattern: every parameter and wildcard filled in. */
const concrete = (url: string) =>
  url
    .replace(/:file\b/g, "klara.css")
    .replace(/:[A-Za-z]+/g, "00000000-0000-4000-8000-000000000000")
    .replace(/\*/g, "x");

describe.each(DIALECTS)("security headers (%s)", (dialect) => {
  const served = useServedOrganisation(dialect);

  it("are on the answer of every route, the 404s and the errors", async () => {
    const { app } = served();
    const routes = app.klaraRoutes.filter((r) => r.method !== "HEAD" && r.method !== "OPTIONS");
    expect(routes.length).toBeGreaterThan(20);
    const seen = new Set<number>();
    for (const route of routes) {
      const url = concrete(route.url);
      const res = await app.inject({
        method: route.method as "GET",
        url,
        ...(route.method === "GET" ? {} : { payload: {} }),
      });
      seen.add(res.statusCode);
      const what = `${route.method} ${route.url} → ${res.statusCode}`;
      expectSecurityHeaders(res, what);
      // the tracking link and the personal links (decision 0017) are secrets
      const tracking = /\/complaints\/(status|confirm)\/|^\/handler\//.test(url);
      expect(res.headers["referrer-policy"], what).toBe(tracking ? "no-referrer" : "same-origin");
      if (tracking) expect(res.headers["x-robots-tag"], what).toMatch(/noindex/);
    }
    // the walk met successes, redirects, refusals and missing things
    expect([...seen].some((s) => s >= 200 && s < 300)).toBe(true);
    expect([...seen].some((s) => s >= 400)).toBe(true);

    const extra = [
      { method: "GET", url: "/no/such/page" },
      { method: "GET", url: "/api/v1/no-such-endpoint" },
      { method: "GET", url: "/assets/dkfds/css/dkfds.min.css" },
      { method: "GET", url: "/healthz" },
      {
        method: "POST",
        url: "/api/v1/complaints",
        payload: "{not json",
        headers: { "content-type": "application/json" },
      },
      { method: "POST", url: "/api/v1/complaints", payload: "x", headers: { "content-type": "text/xml" } },
    ];
    for (const probe of extra) {
      const res = await app.inject(probe as InjectOptions);
      expectSecurityHeaders(res, `${probe.method} ${probe.url} → ${res.statusCode}`);
      expect(res.headers["referrer-policy"]).toBe("same-origin");
    }
  }, 60_000);

  it("leave out HSTS when cookies are not Secure (local http)", async () => {
    const { deps } = served();
    const local = await createHttpApp({ deps, rateLimitPerMinute: 0, secureCookies: false });
    try {
      const res = await local.inject({ url: "/sign-in" });
      expect(res.headers["strict-transport-security"]).toBeUndefined();
      expectSecurityHeaders(res, "local http", false);
    } finally {
      await local.close();
    }
  });

  it("keep the tracking page out of referrers and search engines", async () => {
    const { app } = served();
    for (const url of ["/complaints/status/kt_unknown", "/api/v1/complaints/status/kt_unknown"]) {
      const res = await app.inject({ url });
      expect(res.headers["referrer-policy"], url).toBe("no-referrer");
      expect(res.headers["x-robots-tag"], url).toMatch(/noindex/);
    }
  });
});
