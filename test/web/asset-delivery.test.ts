/**
 * How the pages reach a browser (issue 7 point 9): HTML and assets compressed by Accept-Encoding,
 * the stylesheet only the dkfds rules the pages use under a fingerprinted name kept for a year,
 * the package's fonts and icons under its version, a favicon, and HTML never cached.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DKFDS_VERSION } from "../../src/web/asset-bundle.js";
import { DKFDS_DIR } from "../../src/web/render.js";
import { useSeededApp } from "../support/seeded-app.js";
import { DIALECTS } from "../support/test-db.js";

const FULL_DKFDS = readFileSync(join(DKFDS_DIR, "dist", "css", "dkfds.min.css"));

describe.each(DIALECTS)("delivering the pages (%s)", (dialect) => {
  const web = useSeededApp(dialect, { country: "DK" });

  const stylesheetUrl = async () => {
    const page = await web.app.inject({ url: "/" });
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)?.[1] ?? "";
    return href;
  };

  it("compresses the HTML with brotli or gzip as the browser accepts", async () => {
    const plain = await web.app.inject({ url: "/" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const br = await web.app.inject({ url: "/", headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString("utf8")).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const gzip = await web.app.inject({ url: "/", headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.rawPayload).toString("utf8")).toBe(plain.body);
  });

  it("links one fingerprinted stylesheet with only the dkfds rules the pages use, kept a year", async () => {
    const href = await stylesheetUrl();
    expect(href).toMatch(/^\/assets\/klara\.[0-9a-f]{10}\.css$/);
    const css = await web.app.inject({ url: href, headers: { "accept-encoding": "br" } });
    expect(css.statusCode).toBe(200);
    expect(css.headers["content-type"]).toContain("text/css");
    expect(css.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(css.headers["content-encoding"]).toBe("br");
    const text = brotliDecompressSync(css.rawPayload).toString("utf8");
    // used: buttons, form inputs, alerts, Klara's own rules; unused components left out
    for (const used of [".button-primary", ".form-input", ".alert-error", ".klara-logo", ".skipnav"]) {
      expect(text.includes(used), used).toBe(true);
    }
    for (const unused of [".fds-modal", ".accordion-button", ".toast-message", ".pagination-item"]) {
      expect(text.includes(unused), unused).toBe(false);
    }
    // a fraction of the package's stylesheet, and less than a tenth of it on the wire
    expect(text.length).toBeLessThan(FULL_DKFDS.length / 4);
    expect(css.rawPayload.length).toBeLessThan(FULL_DKFDS.length / 20);
    // the fonts from the versioned package path, itself kept a year
    const font = /url\((\/assets\/dkfds\/[^)]+\.woff2)\)/.exec(text)?.[1] ?? "";
    expect(font).toContain(`/assets/dkfds/${DKFDS_VERSION}/fonts/`);
    const fontRes = await web.app.inject({ url: font });
    expect(fontRes.statusCode).toBe(200);
    expect(fontRes.headers["cache-control"]).toContain("max-age=31536000");
    expect(fontRes.headers["cache-control"]).toContain("immutable");
  });

  it("answers an unchanged stylesheet with 304 and the plain name with a short lifetime", async () => {
    const href = await stylesheetUrl();
    const first = await web.app.inject({ url: href });
    const again = await web.app.inject({
      url: href,
      headers: { "if-none-match": String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const plain = await web.app.inject({ url: "/assets/klara.css" });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["cache-control"]).toBe("public, max-age=3600");
    expect(plain.body).toBe(first.body);
    expect((await web.app.inject({ url: "/assets/klara.0000000000.css" })).statusCode).toBe(404);
  });

  it("links and serves a favicon, and sends /favicon.ico there", async () => {
    const page = await web.app.inject({ url: "/sign-in" });
    const href = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(page.body)?.[1] ?? "";
    expect(href).toMatch(/^\/assets\/favicon\.[0-9a-f]{10}\.svg$/);
    const icon = await web.app.inject({ url: href });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers["content-type"]).toBe("image/svg+xml");
    expect(icon.body).toContain("<svg");
    const ico = await web.app.inject({ url: "/favicon.ico" });
    expect(ico.statusCode).toBe(301);
    expect(ico.headers.location).toBe(href);
  });

  it("never lets the HTML of public or staff pages be cached", async () => {
    for (const url of ["/", "/complaints/new/dk-school", "/sign-in", "/nowhere"]) {
      expect((await web.app.inject({ url })).headers["cache-control"], url).toBe("no-store");
    }
  });
});
