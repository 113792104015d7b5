import { defineConfig } from "vitest/config";
import { SlowFirstSequencer } from "./test/support/slow-first.sequencer.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Three suites at a time on two cores: much of a suite's time is spent waiting on Chromium,
    // PostgreSQL, Dovecot or a child process (Vitest's default is one worker fewer than the cores).
    maxWorkers: 3,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
