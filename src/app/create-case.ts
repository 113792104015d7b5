/** Shared by public intake and staff registration: one new case, in the caller's transaction. */
import { findCase, nextReferenceNumber } from "../db/case.repository.js";
import { findCurrentProcedureWithOrganisation, loadDirectory } from "../db/organisation.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { assign } from "../domain/case-commands.js";
import { localDateOf } from "../domain/deadline.js";
import { invalidInput, KlaraError } from "../domain/errors.js";
import { registerComplaint } from "../domain/registration.js";
import { route } from "../domain/routing.js";
import type { CaseType, Channel, Source } from "../domain/vocabulary.js";
import type { Actor } from "./actor.js";
import { storeNewCase, toStoredInstant } from "./case-store.js";
import { type AppDeps, nowIso, type Tx } from "./context.js";
import { routingRequest } from "./routing-request.js";
import { PUBLIC_SOURCES, type SubmitComplaintBody } from "./schemas.js";
import { newSecret } from "./secrets.js";

export interface NewCaseInput extends Omit<SubmitComplaintBody, "source"> {
  receivedAt?: string;
  channel: Channel;
  /** omitted: see `sourceOf` */
  source?: Source | undefined;
  type?: CaseType;
  personComplainedAbout?: string | null;
  needsConfirmation?: boolean;
}

export async function createCase(
  deps: AppDeps,
  tx: Tx,
  input: NewCaseInput,
  actor: Actor | null,
): Promise<{ case: ComplaintCase; trackingToken: string }> {
  // a procedure's organisation always exists (foreign key): one statement reads both and the unit
  const found = await findCurrentProcedureWithOrganisation(tx, input.procedure, {
    cache: deps.db.procedureCache,
    ...(input.unit ? { unitCodeOrId: input.unit } : {}),
  });
  if (!found || (actor && found.procedure.organisationId !== actor.organisationId)) {
    throw invalidInput([{ path: "procedure", message: "There is no such procedure." }]);
  }
  const { procedure, organisation: org, unit } = found;
  if (input.unit && !unit) throw invalidInput([{ path: "unit", message: "There is no such unit." }]);
  if (unit && !unit.active)
    throw invalidInput([{ path: "unit", message: "This unit no longer takes complaints." }]);
  let personComplainedAboutId: string | null = null;
  const personnelCategory = procedure.definition.categories.some(
    (k) => k.code === input.category && k.confidentiality === "personnel",
  );
  const needsDirectory =
    !!input.personComplainedAbout ||
    personnelCategory ||
    procedure.definition.confidentialByDefault ||
    procedure.definition.notifyOnEveryComplaint.length > 0;
  const dir = needsDirectory ? await loadDirectory(tx, org.id) : null;
  if (input.personComplainedAbout) {
    const p = dir?.people.get(input.personComplainedAbout);
    if (!p)
      throw invalidInput([
        { path: "personComplainedAbout", message: "No such person in this organisation." },
      ]);
    personComplainedAboutId = p.id;
  }
  const now = nowIso(deps);
  const receivedAt = input.receivedAt ? toStoredInstant(input.receivedAt) : now;
  const year = localDateOf(receivedAt, org.timeZone).year;
  const number = await nextReferenceNumber(tx, deps.db.dialect, org.id, year);
  const trackingToken = newSecret("kt");
  const actorName =
    actor?.name ??
    (input.channel === "web"
      ? "citizen (web form)"
      : input.channel === "email"
        ? "Klara (complaint mailbox)"
        : "API");
  const result = registerComplaint(
    {
      id: deps.newId(),
      organisationId: org.id,
      reference: `KLA-${year}-${String(number).padStart(6, "0")}`,
      procedureVersion: procedure.version,
      receivedAt,
      channel: input.channel,
      source: sourceOf(input, procedure.definition.allowedSources, actor === null),
      type: input.type ?? null,
      category: input.category ?? null,
      unitId: unit?.id ?? null,
      personComplainedAboutId,
      subject: input.subject,
      description: input.description,
      complainant: {
        anonymous: input.complainant.anonymous,
        name: input.complainant.name ?? null,
        email: input.complainant.email?.toLowerCase() ?? null,
        phone: input.complainant.phone ?? null,
        address: input.complainant.address ?? null,
        nationalId: input.complainant.nationalId ?? null,
      },
      representative: input.representative
        ? {
            name: input.representative.name,
            email: input.representative.email ?? null,
            phone: input.representative.phone ?? null,
            address: input.representative.address ?? null,
            powerOfAttorneyReceived: input.representative.powerOfAttorneyReceived,
          }
        : null,
      decision: input.decision
        ? {
            date: input.decision.date ?? null,
            reference: input.decision.reference ?? null,
            area: input.decision.area ?? null,
            fastTrack: input.decision.fastTrack,
          }
        : null,
      needsConfirmation: input.needsConfirmation ?? false,
    },
    { now, procedure: procedure.definition, calendar: org, actorName },
  );
  let registered = result.case;
  const effects = { journal: result.journal, letters: result.letters, notifications: result.notifications };
  if (dir) {
    const decision = route(routingRequest(registered, procedure.definition, dir), dir);
    // routing's finding that the case is personnel (about a named person, about one's own superior,
    // confidential by procedure) is kept on the case, so the policy restricts it (decision 0007)
    if (decision.confidentiality === "personnel")
      registered = { ...registered, confidentiality: "personnel" };
    // no-workplace: the general manager learns of every complaint (unless it concerns them).
    if (procedure.definition.notifyOnEveryComplaint.length > 0) {
      for (const personId of decision.notifyPersonIds) {
        effects.notifications.push({
          personId,
          kind: "new_complaint",
          message: `New complaint ${registered.reference}`,
        });
      }
    }
    // A personnel case goes at once to the nearest manager: nobody else may see it to route it.
    if (registered.confidentiality === "personnel" && decision.handlerIds.length > 0) {
      const assigned = assign(
        registered,
        {
          handlers: decision.handlerIds.map((personId) => ({ personId, part: "the whole complaint" })),
          coordinatorId: decision.coordinatorId,
          routing: decision.explanation,
        },
        {
          now,
          actor: { personId: actor?.personId ?? "", name: actorName, roles: [] },
          procedure: procedure.definition,
          calendar: org,
        },
      );
      registered = assigned.case;
      effects.journal.push(...assigned.effects.journal);
      effects.letters.push(...assigned.effects.letters);
      effects.notifications.push(...assigned.effects.notifications);
    }
  }
  await storeNewCase(deps, tx, org, registered, trackingToken, effects, {
    id: actor?.personId ?? null,
    name: actorName,
  });
  return { case: registered, trackingToken };
}

/**
 * The source a complaint is registered under when nobody said: a representative's when one is
 * named and the procedure takes them, else the procedure's first allowed source (API.md), so a
 * procedure without citizens (no-workplace) still takes complaints from its own complainants.
 * Public intake only ever defaults to a source a complainant may claim (never the ombudsman's).
 */
export function sourceOf(
  input: Pick<NewCaseInput, "source" | "representative">,
  allowed: readonly Source[],
  publicIntake = false,
): Source {
  if (input.source) return input.source;
  const pool = publicIntake
    ? allowed.filter((s) => (PUBLIC_SOURCES as readonly string[]).includes(s))
    : allowed;
  if (input.representative && pool.includes("representative")) return "representative";
  const first = pool[0];
  if (!first) {
    throw invalidInput([{ path: "source", message: "This procedure takes no complaints from the public." }]);
  }
  return first;
}

/** Re-reads a case inside the transaction (after a write, for the answer). */
export async function reload(tx: Tx, id: string): Promise<ComplaintCase> {
  const c = await findCase(tx, id);
  if (!c) throw new KlaraError("not_found", "The case was not found.");
  return c;
}
