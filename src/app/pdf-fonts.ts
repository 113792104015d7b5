/**
 * The fonts every Klara PDF embeds: IBM Plex Sans, the TTF files shipped inside the dkfds package
 * (the pages' own typeface), so letters and reports need no font package of their own.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** The dkfds package's folder (it exports only its script, so found from there). */
function packageRoot(file: string): string {
  let dir = dirname(file);
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const FONT_DIR = join(
  packageRoot(createRequire(import.meta.url).resolve("dkfds")),
  "src/fonts/IBMPlexSans/complete/ttf",
);

/** The regular face's path: pdfkit's first font, so no unembedded standard font is ever used. */
export const REGULAR_FONT_PATH = join(FONT_DIR, "IBMPlexSans-Regular.ttf");

// read once per process: each document embeds a subset of these
let fonts: { regular: Buffer; bold: Buffer } | undefined;
export const pdfFontFiles = () =>
  (fonts ??= {
    regular: readFileSync(REGULAR_FONT_PATH),
    bold: readFileSync(join(FONT_DIR, "IBMPlexSans-Bold.ttf")),
  });
