/**
 * An organisation's closing days (SPEC §4; issue 7 point 8): shown and changed by its admins on the
 * admin pages and by `klara organisation closing-days`. Deadlines computed after the change use
 * them, because every computation reads the organisation afresh.
 */
import { findOrganisation, updateClosingDays } from "../db/organisation.repository.js";
import { changeClosingDays } from "../domain/calendar.js";
import { localDateOf } from "../domain/deadline.js";
import { forbidden, notFound } from "../domain/errors.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";

export interface ClosingDaysChange {
  add?: readonly string[];
  remove?: readonly string[];
}

/** The closing days of an organisation, sorted. A staff actor must be an admin of it. */
export async function getClosingDays(
  deps: AppDeps,
  organisationId: string,
  actor?: Actor,
): Promise<string[]> {
  if (actor) requireAdminOf(actor, organisationId);
  return inTransaction(deps, async (tx) => {
    const org = await findOrganisation(tx, organisationId);
    if (!org) throw notFound("The organisation");
    return [...org.closingDays].sort();
  });
}

/**
 * Adds and removes closing days in one transaction; returns them all. Without an actor it is the
 * operator's command line; with one, only an admin of that organisation may.
 */
export async function setClosingDays(
  deps: AppDeps,
  organisationId: string,
  change: ClosingDaysChange,
  actor?: Actor,
): Promise<string[]> {
  if (actor) requireAdminOf(actor, organisationId);
  return inTransaction(deps, async (tx) => {
    const org = await findOrganisation(tx, organisationId);
    if (!org) throw notFound("The organisation");
    const days = changeClosingDays(org.closingDays, change, localDateOf(nowIso(deps), org.timeZone));
    await updateClosingDays(tx, org.id, days);
    return days;
  });
}

function requireAdminOf(actor: Actor, organisationId: string): void {
  if (!actor.roles.includes("admin") || actor.organisationId !== organisationId) {
    throw forbidden("Only the organisation's admins set its closing days.");
  }
}
