import { defineConfig } from "vitest/config";
import { SlowFirstSequencer } from "./test/support/slow-first.sequencer.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    // A worker runs its suites one after another in one module graph instead of a new process per
    // suite: loading Fastify, the pages, pdfkit, echarts, exceljs … once per worker rather than once
    // per suite halves the CPU of the HTTP and page suites. Safe here because src keeps no state
    // per process that a suite could leave behind (its caches are keyed by content, the sign-in
    // throttle by deps), and every suite opens and closes its own databases, apps and servers.
    isolate: false,
    // Three suites at a time on two cores: much of a suite's time is spent waiting on Chromium,
    // PostgreSQL, Dovecot or a child process (Vitest's default is one worker fewer than the cores).
    maxWorkers: 3,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
