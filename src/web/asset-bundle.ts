/**
 * The pages' static files, built once per process at start: one stylesheet made of only the dkfds
 * rules the templates use (PurgeCSS over the views, the dkfds macros they import and the page code)
 * followed by Klara's own CSS, and Klara's other assets; each under a name with its content hash,
 * so that browsers may keep it for a year, and compressed ahead (brotli, gzip) once.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { PurgeCSS } from "purgecss";
import { DKFDS_DIR, OWN_ASSETS_DIR, VIEWS_DIR } from "./render.js";

const WEB_DIR = join(VIEWS_DIR, "..");

export interface AssetFile {
  type: string;
  body: Buffer;
  br: Buffer;
  gzip: Buffer;
  etag: string;
}

export interface Assets {
  /** the fingerprinted URL of an asset by its plain name (`klara.css`, `favicon.svg`) */
  url(name: string): string;
  /** the served file by the last segment of its path: a fingerprinted name or the plain one */
  find(file: string): { file: AssetFile; immutable: boolean } | undefined;
  /** where the dkfds package's fonts and icons are served, with its version in the path */
  dkfdsBase: string;
}

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** The dkfds version, so that its fonts and icons can be cached as long as the version stays. */
export const DKFDS_VERSION: string = JSON.parse(
  readFileSync(join(DKFDS_DIR, "package.json"), "utf8"),
).version;
export const DKFDS_BASE = `/assets/dkfds/${DKFDS_VERSION}`;

let built: Promise<Assets> | null = null;

/** Builds the assets once per process (the stylesheet takes about a second). */
export function loadAssets(): Promise<Assets> {
  built ??= buildAssets().catch((error) => {
    built = null;
    throw error;
  });
  return built;
}

async function buildAssets(): Promise<Assets> {
  const plain = new Map<string, AssetFile>();
  for (const name of readdirSync(OWN_ASSETS_DIR)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    let body = readFileSync(join(OWN_ASSETS_DIR, name));
    if (name === "klara.css") body = Buffer.from(`${await usedDkfdsCss()}\n${body.toString("utf8")}`);
    plain.set(name, assetFile(type, body));
  }
  const hashed = new Map<string, AssetFile>();
  const urls = new Map<string, string>();
  for (const [name, file] of plain) {
    const ext = extname(name);
    const served = `${name.slice(0, -ext.length)}.${file.etag.slice(1, 11)}${ext}`;
    hashed.set(served, file);
    urls.set(name, `/assets/${served}`);
  }
  return {
    url(name) {
      const url = urls.get(name);
      if (!url) throw new Error(`No asset named ${name} in src/web/assets`);
      return url;
    },
    find(file) {
      const immutable = hashed.get(file);
      if (immutable) return { file: immutable, immutable: true };
      const current = plain.get(file);
      return current ? { file: current, immutable: false } : undefined;
    },
    dkfdsBase: DKFDS_BASE,
  };
}

function assetFile(type: string, body: Buffer): AssetFile {
  const hash = createHash("sha256").update(body).digest("hex");
  return {
    type,
    body,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
    etag: `"${hash.slice(0, 20)}"`,
  };
}

/**
 * The dkfds rules whose classes, ids and elements occur in the views, the dkfds macros they use,
 * the page code (class names set in TypeScript) or the pages' scripts; urls point at the versioned
 * package path.
 */
export async function usedDkfdsCss(): Promise<string> {
  const css = readFileSync(join(DKFDS_DIR, "dist", "css", "dkfds.min.css"), "utf8");
  const [result] = await new PurgeCSS().purge({
    content: [
      ...filesUnder(VIEWS_DIR, ".njk").map((file) => ({
        raw: readFileSync(file, "utf8"),
        extension: "html",
      })),
      ...usedMacros().map((file) => ({ raw: readFileSync(file, "utf8"), extension: "html" })),
      ...filesUnder(WEB_DIR, ".ts").map((file) => ({ raw: readFileSync(file, "utf8"), extension: "js" })),
      // the pages' own scripts may set classes too
      ...filesUnder(OWN_ASSETS_DIR, ".js").map((file) => ({
        raw: readFileSync(file, "utf8"),
        extension: "js",
      })),
    ],
    css: [{ raw: css }],
    // the page frame, whatever the templates say
    safelist: { standard: ["html", "body"] },
    fontFace: false,
    keyframes: true,
    variables: false,
  });
  return (result?.css ?? "")
    .replace(/url\(\.\.\/fonts\//g, `url(${DKFDS_BASE}/fonts/`)
    .replace(/url\(\.\.\/img\//g, `url(${DKFDS_BASE}/img/`);
}

/** The dkfds macro files the views import, followed through their own imports. */
function usedMacros(): string[] {
  const seen = new Set<string>();
  const pending = filesUnder(VIEWS_DIR, ".njk");
  const reference = /(?:from|import|include|extends)\s+"(components\/[^"]+\.njk)"/g;
  while (pending.length) {
    const file = pending.pop() as string;
    for (const match of readFileSync(file, "utf8").matchAll(reference)) {
      const name = match[1] as string;
      // the same order as the template loader: Klara's own override first
      const found = [join(VIEWS_DIR, name), join(DKFDS_DIR, "src", name)].find((f) => existsSync(f));
      if (found && !seen.has(found)) {
        seen.add(found);
        pending.push(found);
      }
    }
  }
  return [...seen].filter((f) => f.startsWith(DKFDS_DIR));
}

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => join(entry.parentPath, entry.name));
}
