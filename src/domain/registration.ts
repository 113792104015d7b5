/** A new case from a complaint (public form, API or staff registration), with its first deadlines. */

import { WorkingDayCalendar } from "./calendar.js";
import type { Complainant, ComplaintCase, DecisionComplainedOf, Representative } from "./case.js";
import type { JournalDraft, LetterDraft, NotificationDraft } from "./case-effects.js";
import { deadlineFacts, deadlineSetEntry } from "./case-effects.js";
import { computeDueDate, conditionHolds, localDateOf, planDeadlines } from "./deadline.js";
import { type FieldError, invalidInput } from "./errors.js";
import { titled } from "./journal-events.js";
import { confirmationRequest } from "./personal-links.js";
import type { ProcedureDefinition } from "./procedure.js";
import type { CaseType, Channel, Country, Source } from "./vocabulary.js";

export interface RegistrationInput {
  id: string;
  organisationId: string;
  reference: string;
  procedureVersion: number;
  receivedAt: string;
  channel: Channel;
  source: Source;
  type: CaseType | null;
  category: string | null;
  unitId: string | null;
  personComplainedAboutId: string | null;
  subject: string;
  description: string;
  complainant: Complainant;
  representative: Representative | null;
  decision: Omit<DecisionComplainedOf, "late"> | null;
  /** staff registered an inquiry that the complainant must confirm as a formal complaint */
  needsConfirmation: boolean;
}

export interface RegistrationContext {
  now: string;
  procedure: ProcedureDefinition;
  calendar: { timeZone: string; country: Country; closingDays: readonly string[] };
  actorName: string;
}

export function registerComplaint(
  input: RegistrationInput,
  ctx: RegistrationContext,
): {
  case: ComplaintCase;
  journal: JournalDraft[];
  letters: LetterDraft[];
  notifications: NotificationDraft[];
} {
  const p = ctx.procedure;
  const errors: FieldError[] = [];
  if (input.receivedAt > ctx.now)
    errors.push({ path: "receivedAt", message: "Receipt cannot be in the future." });
  const today = localDateOf(ctx.now, ctx.calendar.timeZone).toString();
  if (input.decision?.date && input.decision.date > today)
    errors.push({
      path: "decision.date",
      message: "The decision complained of cannot be dated in the future.",
    });
  if (!p.allowedSources.includes(input.source)) {
    errors.push({
      path: "source",
      message: `The procedure takes complaints from: ${p.allowedSources.join(", ")}.`,
    });
  }
  const category = input.category ? p.categories.find((k) => k.code === input.category) : undefined;
  if (input.category && !category) {
    errors.push({
      path: "category",
      message: `Not a category of the procedure (${p.categories.map((k) => k.code).join(", ")}).`,
    });
  }
  const c0 = input.complainant;
  if (c0.anonymous && !p.allowAnonymous) {
    errors.push({ path: "complainant.anonymous", message: `${p.id} does not accept anonymous complaints.` });
  }
  if (!c0.anonymous && !c0.email && !c0.phone && !c0.address && !input.representative) {
    errors.push({
      path: "complainant",
      message: "Give at least one way to answer: e-mail, phone or address.",
    });
  }
  if (errors.length) throw invalidInput(errors);

  const complainant: Complainant = c0.anonymous
    ? { anonymous: true, name: null, email: null, phone: null, address: null, nationalId: null }
    : c0;
  const type: CaseType = input.type ?? category?.type ?? p.defaultType;
  const decision = input.decision
    ? { ...input.decision, late: isLate(input.decision.date, input.receivedAt, ctx) }
    : null;

  const c: ComplaintCase = {
    id: input.id,
    organisationId: input.organisationId,
    reference: input.reference,
    procedureId: p.id,
    procedureVersion: input.procedureVersion,
    status: input.needsConfirmation && p.confirmFormalComplaint ? "pending_confirmation" : "received",
    type,
    category: input.category,
    channel: input.channel,
    source: input.source,
    confidentiality: category?.confidentiality ?? "normal",
    unitId: input.unitId,
    personComplainedAboutId: input.personComplainedAboutId,
    subject: input.subject,
    description: input.description,
    receivedAt: input.receivedAt,
    acknowledgedAt: null,
    complainant,
    representative: input.representative,
    decision,
    handlers: [],
    coordinatorId: null,
    approverId: null,
    signatoryId: null,
    draft: null,
    lastReturnReason: null,
    outcome: null,
    measures: null,
    rootCauses: [],
    resolution: null,
    reassessment: null,
    appealsBoard: null,
    links: [],
    tasks: [],
    contacts: [],
    deadlines: [],
    deviations: [],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    closedAt: null,
    version: 1,
  };
  const facts = { ...deadlineFacts(c), channel: input.channel };
  c.tasks = p.tasks
    .filter((t) => conditionHolds(t.when, facts))
    .map((t) => ({ key: t.key, doneAt: null, note: null, byId: null }));
  c.deadlines = planDeadlines(p.deadlines, deadlineFacts(c), c.receivedAt, ctx.calendar).map((d) => ({
    ...d,
    originalDueDate: d.dueDate,
    metAt: null,
    missedAt: null,
    remindedAt: null,
    extensions: [],
  }));

  const journal: JournalDraft[] = [
    {
      kind: "document_in",
      ...titled("received", { channel: input.channel }),
      body: `${input.subject}\n\n${input.description}`,
    },
    ...c.deadlines.map(deadlineSetEntry),
  ];
  // Back-dated means another local day in the organisation's zone: 00:30 Copenhagen is the previous UTC day.
  if (
    localDateOf(input.receivedAt, ctx.calendar.timeZone).toString() !==
    localDateOf(ctx.now, ctx.calendar.timeZone).toString()
  ) {
    journal.push({
      kind: "note",
      ...titled("backdated"),
      body: `Registered ${ctx.now} by ${ctx.actorName}.`,
    });
  }
  if (decision?.late) {
    journal.push({
      kind: "note",
      ...titled("late"),
      body: "Flagged as late, not refused.",
    });
  }
  if (c.status === "pending_confirmation") {
    journal.push({ kind: "note", ...titled("awaiting_confirmation"), body: "" });
  }
  // seed 001: the complainant is asked to confirm, with a personal link (decision 0017)
  return { case: c, journal, letters: confirmationRequest(c, journal, ctx.now), notifications: [] };
}

/** A decision complaint received after the citizen's window (4 weeks from notification) is late. */
function isLate(decisionDate: string | null, receivedAt: string, ctx: RegistrationContext): boolean {
  const window = ctx.procedure.complaintWindow;
  if (!decisionDate || !window) return false;
  const cal = new WorkingDayCalendar({
    country: ctx.calendar.country,
    closingDays: ctx.calendar.closingDays,
  });
  const due = computeDueDate({ start: decisionDate, ...window, nonWorkingDay: "next" }, cal).dueDate;
  return localDateOf(receivedAt, ctx.calendar.timeZone).toString() > due;
}
