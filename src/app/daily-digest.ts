/**
 * The daily digest (issue 8.5): once a day per person, an e-mail listing their open cases with a
 * deadline overdue or due within the next days (reference, what is due, the date; no case content),
 * only when there is any, never to someone who turned it off. Serve's job sends it from a local hour
 * of the organisation's day (default 07:00); `klara mail digest` sends it now. Each person's day is
 * one transaction that records the run under the key (person, local date) together with the
 * outbox row: two processes at once make one digest, the loser's insert is a unique violation.
 */
import { Temporal } from "temporal-polyfill";
import { findCase } from "../db/case.repository.js";
import { isUniqueViolation } from "../db/dialect.js";
import { casesDueBy, digestPending, recordDigestRun } from "../db/digest.repository.js";
import { listOrganisations, loadDirectory } from "../db/organisation.repository.js";
import { enqueue } from "../db/outbox.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { digestItems, digestMail } from "../domain/digest.js";
import type { Organisation } from "../domain/organisation.js";
import { type AppDeps, inTransaction, nowIso, publicLink } from "./context.js";

export const DEFAULT_DIGEST_HOUR = 7;
export const DEFAULT_DIGEST_DAYS = 7;

export interface DigestOptions {
  /** the organisation's local hour from which the day's digest goes out; omitted: now (the CLI) */
  fromHour?: number;
  /** deadlines due within this many days are listed (default 7), overdue ones always */
  days?: number;
}

export interface DigestOutcome {
  organisationId: string;
  personId: string;
  /** sent: queued for e-mail; empty: nothing due; already: today's was made before (another run) */
  outcome: "sent" | "empty" | "already";
  items: number;
}

export interface DigestResult {
  sent: number;
  empty: number;
  already: number;
  /** organisations whose local hour has not come yet */
  waiting: number;
  outcomes: DigestOutcome[];
}

export async function sendDailyDigests(deps: AppDeps, options: DigestOptions = {}): Promise<DigestResult> {
  const result: DigestResult = { sent: 0, empty: 0, already: 0, waiting: 0, outcomes: [] };
  for (const org of await listOrganisations(deps.db.kysely)) {
    const local = deps.clock.now().toZonedDateTimeISO(org.timeZone);
    if (options.fromHour !== undefined && local.hour < options.fromHour) {
      result.waiting += 1;
      continue;
    }
    for (const o of await digestsOf(deps, org, local.toPlainDate().toString(), options.days)) {
      result[o.outcome] += 1;
      result.outcomes.push(o);
    }
  }
  return result;
}

async function digestsOf(
  deps: AppDeps,
  org: Organisation,
  today: string,
  days = DEFAULT_DIGEST_DAYS,
): Promise<DigestOutcome[]> {
  const db = deps.db.kysely;
  // after the first run of the day nobody is pending: a tick costs one query
  const pending = await digestPending(db, org.id, today);
  if (pending.length === 0) return [];
  const through = Temporal.PlainDate.from(today).add({ days }).toString();
  const cases = (
    await Promise.all((await casesDueBy(db, org.id, through)).map((id) => findCase(db, id)))
  ).filter((c): c is ComplaintCase => c !== null);
  const directory = await loadDirectory(db, org.id);
  const outcomes: DigestOutcome[] = [];
  for (const personId of pending) {
    const person = directory?.people.get(personId);
    if (!person?.email) continue;
    const items = digestItems(cases, personId, today, through);
    const outcome: DigestOutcome = {
      organisationId: org.id,
      personId,
      outcome: items.length > 0 ? "sent" : "empty",
      items: items.length,
    };
    try {
      await inTransaction(deps, async (tx) => {
        const at = nowIso(deps);
        await recordDigestRun(tx, personId, today, outcome.outcome === "sent" ? "sent" : "empty", at);
        if (items.length === 0) return;
        const mail = digestMail(org.locale, items, today, days, publicLink(deps, "/work"));
        await enqueue(tx, [
          {
            id: deps.newId(),
            organisationId: org.id,
            // not a letter of a case: neither the case page nor the citizen lists it
            caseId: null,
            kind: "digest",
            payload: { kind: "digest", day: today, items: items.length },
            createdAt: at,
            letter: {
              state: "queued",
              channel: "email",
              recipientName: person.name,
              recipientAddress: person.email,
              subject: mail.subject,
              body: mail.body,
              language: org.locale,
            },
          },
        ]);
      });
    } catch (error) {
      // another process made today's digest for this person at the same moment
      if (!isUniqueViolation(error)) throw error;
      outcome.outcome = "already";
    }
    outcomes.push(outcome);
  }
  return outcomes;
}
