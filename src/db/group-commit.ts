/**
 * Group commit for SQLite. With synchronous=FULL every COMMIT waits for the disk, and that wait
 * costs more than all of an intake's statements together. Use cases that arrive while one batch
 * runs join the next: each runs in its own SAVEPOINT (a failure rolls back that use case alone),
 * and all are answered only after the one COMMIT, so an acknowledged write is as durable as before.
 * A use case that opens a transaction inside another joins the outer one instead of queueing
 * behind itself.
 *
 * When the disk is full or read-only SQLite may roll the whole transaction back by itself; the
 * ROLLBACK that follows then fails ("no transaction is active"). That failure must not hide the
 * real cause, so the batch is ended and every use case in it gets the original error.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type Kysely, sql } from "kysely";

interface Pending<DB> {
  work: (tx: Kysely<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 64;

export class GroupCommit<DB> {
  private readonly queue: Pending<DB>[] = [];
  private draining = false;
  private readonly current = new AsyncLocalStorage<Kysely<DB>>();

  constructor(private readonly db: Kysely<DB>) {}

  run<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer) return work(outer);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // Let the requests already in flight reach the queue before the batch starts.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        const outcomes: { ok: boolean; value: unknown }[] = [];
        try {
          await this.db.connection().execute(async (tx) => {
            // IMMEDIATE: the write lock is taken first, so a lock held elsewhere is waited for
            // (busy_timeout) instead of failing at once when a read turns into a write
            await sql`begin immediate`.execute(tx);
            try {
              for (const item of batch) {
                const outcome = await this.runOne(tx, item);
                if (outcome.broken) throw outcome.value;
                outcomes.push(outcome);
              }
              await sql`commit`.execute(tx);
            } catch (error) {
              // a transaction SQLite already rolled back cannot be rolled back again: keep the cause
              await sql`rollback`.execute(tx).catch(() => undefined);
              throw error;
            }
          });
        } catch (error) {
          // The COMMIT itself failed: nothing of the batch was written.
          for (const item of batch) item.reject(error);
          continue;
        }
        batch.forEach((item, i) => {
          const o = outcomes[i]!;
          if (o.ok) item.resolve(o.value);
          else item.reject(o.value);
        });
      }
    } finally {
      this.draining = false;
    }
  }

  /** `broken`: the savepoint is gone (SQLite ended the transaction), so the batch cannot go on. */
  private async runOne(
    tx: Kysely<DB>,
    item: Pending<DB>,
  ): Promise<{ ok: boolean; value: unknown; broken?: boolean }> {
    await sql`savepoint klara_use_case`.execute(tx);
    try {
      const value = await this.current.run(tx, () => item.work(tx));
      await sql`release klara_use_case`.execute(tx);
      return { ok: true, value };
    } catch (error) {
      try {
        await sql`rollback to klara_use_case`.execute(tx);
        await sql`release klara_use_case`.execute(tx);
      } catch {
        return { ok: false, value: error, broken: true };
      }
      return { ok: false, value: error };
    }
  }
}
