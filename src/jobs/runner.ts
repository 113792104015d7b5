/**
 * Background jobs of a server process: the deadline sweep and the purge of old idempotency keys, on
 * an interval. A tick never overlaps the previous one; a failing tick is logged (without personal
 * data: counts, and the error's type, code and message) and the next one runs as usual.
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

/**
 * Type, code and message only: a driver's other fields (detail, where) can quote row values. Not
 * under `err`, where the server logger's serializer expects an Error.
 */
function described(error: unknown): { type: string; message: string; code?: string | number } {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
  };
}

export function startJobs(deps: AppDeps, options: { intervalMs: number; log?: JobsLog }): Jobs {
  const log = options.log ?? silent;
  let running: Promise<SweepResult | null> = Promise.resolve(null);
  let stopped = false;
  let busy = false;

  // Each job fails on its own: a broken sweep does not keep old idempotency keys, nor the reverse.
  const tick = async (): Promise<SweepResult | null> => {
    let result: SweepResult | null = null;
    try {
      result = await sweepDeadlines(deps);
      if (result.missed || result.reminded || result.skipped)
        log.info({ job: "deadline-sweep", ...result }, "deadline sweep");
    } catch (error) {
      log.error({ job: "deadline-sweep", error: described(error) }, "deadline sweep failed");
    }
    try {
      await purgeIdempotencyKeys(deps);
    } catch (error) {
      log.error({ job: "purge-idempotency-keys", error: described(error) }, "idempotency key purge failed");
    }
    return result;
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
