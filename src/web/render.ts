/**
 * Nunjucks with autoescape on, loading Klara's views and the dkfds package's own macros
 * (`components/…`). Views are read from src/web/views both when running from src (tests) and from
 * dist (the built server), which sit at the same depth.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import type { Translate } from "./i18n/messages.js";

const here = dirname(fileURLToPath(import.meta.url));
export const VIEWS_DIR = join(here, "..", "..", "src", "web", "views");
export const OWN_ASSETS_DIR = join(here, "..", "..", "src", "web", "assets");
/** The dkfds package's folder (it exports only its script, so found from there). */
export const DKFDS_DIR = packageRoot(createRequire(import.meta.url).resolve("dkfds"));

function packageRoot(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export interface Views {
  render(name: string, context: object): string;
}

/** What the layout needs to link the assets: their fingerprinted URLs (see asset-bundle.ts). */
export interface AssetUrls {
  url(name: string): string;
  dkfdsBase: string;
}

/** Before the assets are built (never in the running server): their plain names. */
const PLAIN_ASSETS: AssetUrls = { url: (name) => `/assets/${name}`, dkfdsBase: "/assets/dkfds" };

export function createViews(options: { watch?: boolean; assets?: AssetUrls } = {}): Views {
  const loader = new nunjucks.FileSystemLoader([VIEWS_DIR, join(DKFDS_DIR, "src")], {
    noCache: options.watch ?? false,
  });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false });
  const assets = options.assets ?? PLAIN_ASSETS;
  env.addGlobal("asset", (name: string) => assets.url(name));
  env.addGlobal("dkfdsBase", assets.dkfdsBase);
  return {
    render(name, context) {
      // dkfds' macros are imported without the page's context; the few words they say to screen
      // readers are globals, set for this (synchronous) render
      const t = (context as { t?: Translate }).t;
      env.addGlobal("srErrorPrefix", t ? t("errors.prefix") : "Fejl");
      env.addGlobal("stepWords", {
        step: t ? t("steps.step") : "Trin",
        of: t ? t("steps.of") : "af",
        done: t ? t("steps.done") : "gennemført",
        error: t ? t("steps.error") : "Fejl i trin",
      });
      return env.render(name, context);
    },
  };
}
