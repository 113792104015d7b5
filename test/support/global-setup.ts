/**
 * Says once, at the start, which database suites run and which are skipped and why; gives the run a
 * directory of its own (the demo template lives there, test/support/demo-template.ts) and removes
 * it, with the PostgreSQL templates, when the run ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { dropPgTemplates } from "./demo-template.js";

export default function setup(project: TestProject): () => Promise<void> {
  if (process.env.KLARA_TEST_PG_URL) {
    console.log("Database suites run on SQLite and PostgreSQL.");
  } else if (process.env.KLARA_REQUIRE_ALL === "1") {
    throw new Error(
      "KLARA_REQUIRE_ALL=1 but KLARA_TEST_PG_URL is not set: PostgreSQL suites would be skipped.",
    );
  } else {
    console.log(
      "Database suites run on SQLite only; PostgreSQL suites are skipped because KLARA_TEST_PG_URL is not set " +
        "(bash scripts/pg-test-server.sh start prints one).",
    );
  }
  const runDir = mkdtempSync(join(tmpdir(), "klara-run-"));
  project.provide("klaraRunDir", runDir);
  return async () => {
    try {
      await dropPgTemplates(runDir, process.env.KLARA_TEST_PG_URL);
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  };
}
