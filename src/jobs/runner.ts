/**
 * Background jobs of a server process: the deadline sweep and the purge of old idempotency keys, on
 * an interval. A tick never overlaps the previous one; a failing tick is logged (without personal
 * data: only counts and the error's message) and the next one runs as usual.
 */
import type { AppDeps } from "../app/context.js";
import { purgeIdempotencyKeys } from "../app/purge-idempotency-keys.js";
import { type SweepResult, sweepDeadlines } from "../app/sweep-deadlines.js";

export interface JobsLog {
  info(data: object, message: string): void;
  error(data: object, message: string): void;
}

export interface Jobs {
  /** runs one tick now (waiting for a running one first) */
  runOnce(): Promise<SweepResult | null>;
  /** stops the interval and waits for a running tick */
  stop(): Promise<void>;
}

const silent: JobsLog = { info: () => {}, error: () => {} };

export function startJobs(deps: AppDeps, options: { intervalMs: number; log?: JobsLog }): Jobs {
  const log = options.log ?? silent;
  let running: Promise<SweepResult | null> = Promise.resolve(null);
  let stopped = false;
  let busy = false;

  const tick = async (): Promise<SweepResult | null> => {
    try {
      const result = await sweepDeadlines(deps);
      await purgeIdempotencyKeys(deps);
      if (result.missed || result.reminded || result.skipped)
        log.info({ job: "deadline-sweep", ...result }, "deadline sweep");
      return result;
    } catch (error) {
      log.error(
        { job: "deadline-sweep", error: error instanceof Error ? error.message : String(error) },
        "deadline sweep failed",
      );
      return null;
    }
  };
  const runOnce = () => {
    running = running.then(async () => {
      busy = true;
      try {
        return await tick();
      } finally {
        busy = false;
      }
    });
    return running;
  };

  void runOnce();
  const timer = setInterval(() => {
    // a sweep slower than the interval is not queued up behind itself
    if (!stopped && !busy) void runOnce();
  }, options.intervalMs);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
