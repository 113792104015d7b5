/**
 * The complainant confirms, through the link in the letter that asked (seed 001; decision 0017),
 * that their inquiry is a formal complaint: the same domain command staff use, journalised as done
 * by the complainant, once. The coordinator (of the case, else of its unit) is told.
 */
import { findProcedure, loadDirectory } from "../db/organisation.repository.js";
import { markPersonalLinkUsed } from "../db/personal-link.repository.js";
import { confirmComplaint } from "../domain/case-commands.js";
import { KlaraError, notFound } from "../domain/errors.js";
import { findCoordinator } from "../domain/routing.js";
import { storeChangedCase } from "./case-store.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";
import { type LinkRefusal, openPersonalLink } from "./handler-link-tokens.js";

export type ConfirmLinkState =
  | { state: "open"; reference: string; organisationName: string; locale: string }
  | { state: "confirmed"; reference: string; locale: string }
  | { state: "gone"; reason: LinkRefusal | "settled"; reference: string; locale: string };

const COMPLAINANT = "complainant (confirmation link)";

/** What the page shows: the question, or why the link no longer asks it. */
export function openConfirmLink(deps: AppDeps, token: string): Promise<ConfirmLinkState> {
  return inTransaction(deps, async (tx) => {
    const opened = await openPersonalLink(tx, token, "confirm", nowIso(deps));
    const directory = await loadDirectory(tx, opened.case.organisationId);
    if (!directory) throw notFound("The link");
    const base = { reference: opened.case.reference, locale: directory.organisation.locale };
    if (!opened.open) return { state: "gone", reason: opened.reason, ...base };
    // staff settled it meanwhile (confirmed by phone, or not a complaint)
    if (opened.case.status !== "pending_confirmation") return { state: "gone", reason: "settled", ...base };
    return { state: "open", organisationName: directory.organisation.name, ...base };
  });
}

/** Confirms once; a used, expired or settled link changes nothing and says why. */
export function confirmThroughLink(deps: AppDeps, token: string): Promise<ConfirmLinkState> {
  return inTransaction(deps, async (tx) => {
    const now = nowIso(deps);
    const opened = await openPersonalLink(tx, token, "confirm", now);
    const before = opened.case;
    const directory = await loadDirectory(tx, before.organisationId);
    if (!directory) throw notFound("The link");
    const base = { reference: before.reference, locale: directory.organisation.locale };
    if (!opened.open) return { state: "gone", reason: opened.reason, ...base };
    if (before.status !== "pending_confirmation") return { state: "gone", reason: "settled", ...base };
    // two clicks at once: the conditional update lets one through
    if (!(await markPersonalLinkUsed(tx, opened.link.id, now)))
      return { state: "gone", reason: "used", ...base };
    const procedure = await findProcedure(
      tx,
      before.procedureId,
      before.procedureVersion,
      deps.db.procedureCache,
    );
    if (!procedure) throw new KlaraError("unavailable", "The case's procedure version is missing.");
    const ctx = {
      now,
      actor: { personId: "", name: COMPLAINANT, roles: [] },
      procedure: procedure.definition,
      calendar: directory.organisation,
      directory,
    };
    const { case: after, effects } = confirmComplaint(before, ctx);
    const coordinator = before.coordinatorId ?? findCoordinator(before.unitId, directory)?.id ?? null;
    if (coordinator) {
      effects.notifications.push({
        personId: coordinator,
        kind: "complaint_confirmed",
        message: `${before.reference}: the complainant confirmed a formal complaint`,
      });
    }
    await storeChangedCase(
      deps,
      tx,
      directory.organisation,
      before,
      after,
      effects,
      { id: null, name: COMPLAINANT },
      now,
    );
    return { state: "confirmed", ...base };
  });
}
