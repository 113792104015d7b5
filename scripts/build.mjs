#!/usr/bin/env node
/**
 * Compiles src/ to dist/ (tsc -p tsconfig.build.json) and stamps dist/.build-stamp.
 * With --if-stale it compiles only when a source file, a folder of src/ (a file added or removed)
 * or a tsconfig is newer than the stamp: `npm start` then starts in a second instead of
 * spending ~50 s on a compile that changes nothing. `npm install` (prepare) always compiles.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", ".build-stamp");

/** The newest modification time (ms) of src/ (its .ts files and folders) and the tsconfigs. */
function newestInput() {
  let newest = 0;
  const visit = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  visit(join(root, "src"));
  for (const f of ["tsconfig.json", "tsconfig.build.json", "package.json"]) {
    newest = Math.max(newest, statSync(join(root, f)).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(stamp) || !existsSync(join(root, "dist", "cli", "main.js"))) return true;
  return newestInput() > statSync(stamp).mtimeMs;
}

if (process.argv.includes("--if-stale") && !isStale()) process.exit(0);

const started = new Date();
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(dirname(stamp), { recursive: true });
writeFileSync(stamp, `${started.toISOString()}\n`);
// The stamp carries the time the compile began: a file saved during the compile counts as newer.
utimesSync(stamp, started, started);
