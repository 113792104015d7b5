/** Checks every case's journal hash chain (SPEC §7) and reports the first broken link. */
import { caseIdsAfter, findCase, journalOf } from "../db/case.repository.js";
import { verifyChain } from "../domain/journal.js";
import { type AppDeps, inTransaction } from "./context.js";

export type JournalVerification =
  | { ok: true; cases: number; entries: number }
  | { ok: false; caseId: string; reference: string; seq: number; reason: string };

const PAGE = 200;

export function verifyJournals(deps: AppDeps): Promise<JournalVerification> {
  return inTransaction(deps, async (tx) => {
    let after: string | null = null;
    let cases = 0;
    let entries = 0;
    for (;;) {
      const ids = await caseIdsAfter(tx, after, PAGE);
      for (const id of ids) {
        const check = verifyChain(id, await journalOf(tx, id));
        if (!check.ok) {
          const c = await findCase(tx, id);
          return {
            ok: false,
            caseId: id,
            reference: c?.reference ?? id,
            seq: check.seq,
            reason: check.reason,
          };
        }
        cases += 1;
        entries += check.entries;
      }
      if (ids.length < PAGE) return { ok: true, cases, entries };
      after = ids[ids.length - 1]!;
    }
  });
}
