/**
 * Background jobs of a server process: the deadline sweep, the purge of old idempotency keys,
 * the delivery of the outbox's letters (SMTP, or the local capture without one) and the reading of
 * every complaint mailbox (each organisation's own, set in the admin pages, and KLARA_IMAP_URL's),
 * on an interval; and, on a short interval of its own, the fold of case writes into the statistics
 * rollups (decision 0024, item 8).
 * A tick never overlaps the previous one; a failing tick is logged (without personal
 * data: counts, and the error's type, code and message) and the next one runs as usual.
 */
import type { AppDeps } from "../app/context.js";
import { type DigestOptions, sendDailyDigests } from "../app/daily-digest.js";
import { deliverMail } from "../app/deliver-mail.js";
import { foldPendingStats } from "../app/fold-stats.js";
import { purgeIdempotencyKeys } from "../app/purge-idempotency-keys.js";
import { readAllMailboxes, totalOf } from "../app/read-mailboxes.js";
import { rebuildStaleStats } from "../app/stats-rollup.js";
import { type SweepResult, sweepDeadlines } from "../app/sweep-deadlines.js";
import type { KlaraConfig } from "../config.js";
import { smtpSender } from "./smtp-sender.js";

export interface JobsLog {
  info(data: object, message: string): void;
  error(data: object, message: string): void;
  /** a quarantined mailbox message (info when absent) */
  warn?(data: object, message: string): void;
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

/** One delivery run; counts only in the log, never an address or a letter. */
async function deliverOnce(deps: AppDeps, mail: Pick<KlaraConfig, "smtpUrl" | "mailFrom">, log: JobsLog) {
  const sender = mail.smtpUrl ? smtpSender(mail.smtpUrl) : null;
  try {
    const r = await deliverMail(deps, { sender, ...(mail.mailFrom ? { from: mail.mailFrom } : {}) });
    if (r.sent || r.captured || r.retried || r.failed)
      log.info({ job: "mail-delivery", ...r }, "mail delivery");
  } catch (error) {
    log.error({ job: "mail-delivery", error: described(error) }, "mail delivery failed");
  } finally {
    sender?.close();
  }
}

/**
 * One read of every complaint mailbox (each organisation's own, and KLARA_IMAP_URL's), one at a
 * time, each failing on its own; counts and reason codes only in the log. A mailbox that fails is
 * logged when it starts failing, not on every tick (its people are told then too).
 */
async function readMailboxOnce(deps: AppDeps, url: string | undefined, log: JobsLog) {
  try {
    const runs = await readAllMailboxes(deps, {
      ...(url ? { url } : {}),
      log: { info: log.info.bind(log), error: log.error.bind(log), warn: (log.warn ?? log.info).bind(log) },
    });
    const r = totalOf(runs);
    if (r.cases || r.replies || r.quarantined || r.duplicates || r.bounces || r.failed)
      log.info({ job: "mailbox", ...r }, "complaint mailbox read");
    for (const run of runs) {
      if (run.failure && (run.began || run.organisationId === null))
        log.error(
          {
            job: "mailbox",
            organisation: run.organisationId,
            source: run.source,
            failure: run.failure,
            ...(run.detail ? { detail: run.detail } : {}),
          },
          "complaint mailbox not read",
        );
    }
  } catch (error) {
    log.error({ job: "mailbox", error: described(error) }, "complaint mailbox not read");
  }
}

/** Today's digests once the hour has come (before the delivery, which sends them); counts only. */
async function digestOnce(deps: AppDeps, options: DigestOptions, log: JobsLog) {
  try {
    const r = await sendDailyDigests(deps, options);
    if (r.sent || r.empty || r.already)
      log.info({ job: "daily-digest", sent: r.sent, empty: r.empty, already: r.already }, "daily digest");
  } catch (error) {
    log.error({ job: "daily-digest", error: described(error) }, "daily digest failed");
  }
}

export function startJobs(
  deps: AppDeps,
  options: {
    intervalMs: number;
    log?: JobsLog;
    mail?: Pick<KlaraConfig, "smtpUrl" | "mailFrom" | "imapUrl">;
    /** the daily digest from this local hour (serve: KLARA_DIGEST_HOUR); omitted, none */
    digest?: DigestOptions;
    /** how often case writes are folded into the statistics rollups (default 2 s) */
    statsFoldMs?: number;
    /** rebuild statistics a migration marked stale, beside the other jobs (serve; stop() stops it) */
    rebuildStaleStats?: boolean;
  },
): Jobs {
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
    if (options.digest) await digestOnce(deps, options.digest, log);
    if (options.mail) await deliverOnce(deps, options.mail, log);
    if (options.mail) await readMailboxOnce(deps, options.mail.imapUrl, log);
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

  // apart from the tick: figures read pending rows until they are folded, so they are kept few
  let folding: Promise<void> = Promise.resolve();
  let foldBusy = false;
  const foldOnce = () => {
    foldBusy = true;
    folding = foldPendingStats(deps)
      .then(
        () => {},
        (error: unknown) =>
          log.error({ job: "stats-fold", error: described(error) }, "statistics fold failed"),
      )
      .finally(() => {
        foldBusy = false;
      });
  };
  foldOnce();
  const foldTimer = setInterval(() => {
    if (!stopped && !foldBusy) foldOnce();
  }, options.statsFoldMs ?? 2_000);
  foldTimer.unref();

  // hours at ten million cases: the server answers meanwhile (figures from the cases); stopped, the
  // next start resumes after the last month done
  const rebuildStop = new AbortController();
  let rebuilding: Promise<void> = Promise.resolve();
  if (options.rebuildStaleStats) {
    const started = Date.now();
    rebuilding = rebuildStaleStats(deps, {
      signal: rebuildStop.signal,
      onStart: () => log.info({ job: "stats-rebuild" }, "statistics rebuild after an upgrade started"),
    }).then(
      (rebuilt) => {
        if (rebuilt)
          log.info(
            { job: "stats-rebuild", seconds: Math.round((Date.now() - started) / 1000) },
            "statistics rebuilt after an upgrade",
          );
      },
      (error: unknown) => {
        if (rebuildStop.signal.aborted)
          log.info({ job: "stats-rebuild" }, "statistics rebuild stopped; the next start resumes it");
        else log.error({ job: "stats-rebuild", error: described(error) }, "statistics rebuild failed");
      },
    );
  }

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(foldTimer);
      rebuildStop.abort();
      await Promise.all([running, folding, rebuilding]);
    },
  };
}
