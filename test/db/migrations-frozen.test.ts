/**
 * Migrations are frozen in time: none imports Klara's own live code (the dialect, the domain, a
 * repository), whose later changes would silently change what an old migration does on a new
 * installation. Only kysely, node:crypto and the types of an earlier migration are allowed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIR = join(import.meta.dirname, "../../src/db/migrations");
const ALLOWED = /^(kysely|node:crypto|\.\/\d{4}-\d{2}-\d{2}[^/]*\.js)$/;

describe("migrations", () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".ts"));

  it.each(files)("%s imports no live code", (file) => {
    const source = readFileSync(join(DIR, file), "utf8");
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\b[^"']*?from\s+["']([^"']+)["']/gm)].map(
      (m) => m[1],
    );
    expect(specifiers.filter((s) => !ALLOWED.test(s!))).toEqual([]);
  });
});
