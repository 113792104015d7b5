/**
 * The lifecycle tests' kit: people, procedures, calendars and cases built by registerComplaint, and
 * the helpers that run a command and expect its refusal. Shared by the lifecycle test files.
 */

import { expect } from "vitest";
import type { ComplaintCase } from "../../src/domain/case.js";
import * as cmd from "../../src/domain/case-commands.js";
import type { CommandContext, CommandResult } from "../../src/domain/case-effects.js";
import { setConfidentiality } from "../../src/domain/confidentiality-command.js";
import { KlaraError } from "../../src/domain/errors.js";
import { recordLegalReview } from "../../src/domain/legal-review.js";
import { COMMANDS, type CommandName, canRunFrom } from "../../src/domain/lifecycle.js";
import { sendHandlerLink } from "../../src/domain/personal-links.js";
import type { ProcedureDefinition } from "../../src/domain/procedure.js";
import { shippedProcedure } from "../../src/domain/procedures/index.js";
import { type RegistrationInput, registerComplaint } from "../../src/domain/registration.js";
import { recordPowerOfAttorney } from "../../src/domain/representation-commands.js";
import { CASE_STATUSES, type CaseStatus, type Role } from "../../src/domain/vocabulary.js";

export const DK = { timeZone: "Europe/Copenhagen", country: "DK", closingDays: [] } as const;
export const NO = { timeZone: "Europe/Oslo", country: "NO", closingDays: [] } as const;
/** Monday 2 March 2026, 10:00 Copenhagen. dk-school: reply due Wed 1 April, draft Thu 26 March. */
export const RECEIVED = "2026-03-02T09:00:00.000Z";
export const NOW = "2026-03-05T10:00:00.000Z";

export type Who = { personId: string; name: string; roles: Role[] };
export const person = (personId: string, ...roles: Role[]): Who => ({ personId, name: personId, roles });

export const RECEIVER = person("p-receiver", "receiver");
export const COORD = person("p-coord", "coordinator");
export const H1 = person("p-h1", "handler");
export const H2 = person("p-h2", "handler");
/** a school leader: handles and has decision authority */
export const LEADER = person("p-leader", "handler", "approver");
export const APPROVER = person("p-approver", "approver");
export const MANAGER = person("p-manager", "manager");
export const BOTH = person("p-both", "approver", "manager");
export const EVERYONE = person(
  "p-everyone",
  "receiver",
  "coordinator",
  "handler",
  "approver",
  "legal",
  "manager",
  "admin",
);

export function calendarOf(p: ProcedureDefinition) {
  return p.country === "NO" ? NO : DK;
}

export function ctx(
  actor: Who,
  procedure: ProcedureDefinition | string = "dk-school",
  now = NOW,
): CommandContext {
  const p = typeof procedure === "string" ? shippedProcedure(procedure) : procedure;
  return { now, actor, procedure: p, calendar: calendarOf(p) };
}

/** Registers a complaint (a shipped procedure by id, or a definition) and returns the whole result. */
export function registration(
  procedure: string | ProcedureDefinition = "dk-school",
  patch: Partial<RegistrationInput> = {},
  now = patch.receivedAt ?? RECEIVED,
) {
  const p = typeof procedure === "string" ? shippedProcedure(procedure) : procedure;
  const input: RegistrationInput = {
    id: "case-1",
    organisationId: "org-1",
    reference: "KLA-2026-000001",
    procedureVersion: 1,
    receivedAt: RECEIVED,
    channel: "email",
    source: p.allowedSources[0]!,
    type: null,
    category: p.categories[0]?.code ?? null,
    unitId: "unit-1",
    personComplainedAboutId: null,
    subject: "Mobning i 4.b",
    description: "Min søn bliver mobbet, og skolen gør ikke noget.",
    complainant: {
      anonymous: false,
      name: "Mette Mor",
      email: "mette@example.dk",
      phone: null,
      address: null,
      nationalId: null,
    },
    representative: null,
    decision: null,
    needsConfirmation: false,
    ...patch,
  };
  return registerComplaint(input, { now, procedure: p, calendar: calendarOf(p), actorName: "test" });
}

/** The case a registration makes. */
export function register(
  procedure: string | ProcedureDefinition = "dk-school",
  patch: Partial<RegistrationInput> = {},
  now = patch.receivedAt ?? RECEIVED,
): ComplaintCase {
  return registration(procedure, patch, now).case;
}

/** A registered dk-school case with one handler, forced into a status. */
export function caseIn(status: CaseStatus): ComplaintCase {
  const c = register();
  c.handlers = [{ personId: H1.personId, part: "the whole complaint", partReply: null }];
  c.coordinatorId = COORD.personId;
  c.status = status;
  return c;
}

/** Runs a command and expects the KlaraError it throws. */
export function refusal(run: () => unknown): KlaraError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KlaraError);
    return error as KlaraError;
  }
  throw new Error("expected the command to be refused, but it ran");
}

export function expectState(run: () => unknown, reason: string): KlaraError {
  const e = refusal(run);
  expect({ code: e.code, reason: e.details.reason }).toEqual({ code: "invalid_state", reason });
  return e;
}

export function expectInput(run: () => unknown, path: string): KlaraError {
  const e = refusal(run);
  expect(e.code).toBe("invalid_input");
  expect(e.details.fieldErrors?.map((f) => f.path)).toEqual([path]);
  return e;
}

/** Every command with a valid input. */
export const CALLS: Record<CommandName, ((c: ComplaintCase, x: CommandContext) => CommandResult) | null> = {
  "confirm-complaint": (c, x) => cmd.confirmComplaint(c, x),
  "mark-not-a-complaint": (c, x) => cmd.markNotAComplaint(c, { reason: "An inquiry only" }, x),
  acknowledge: (c, x) => cmd.acknowledge(c, x),
  classify: (c, x) => cmd.classify(c, { type: "process", category: "school_conduct" }, x),
  correct: (c, x) => cmd.correctCase(c, { type: "decision", reason: "It is about a decision" }, x),
  assign: (c, x) =>
    cmd.assign(c, { handlers: [{ personId: H2.personId, part: "all" }], coordinatorId: COORD.personId }, x),
  "record-contact": (c, x) =>
    cmd.recordContact(
      c,
      { channel: "phone", at: "2026-03-05T09:00:00.000Z", note: "Talked to the mother" },
      x,
    ),
  "add-note": (c, x) => cmd.addNote(c, { title: "Note", body: "Something" }, x),
  "record-power-of-attorney": (c, x) => recordPowerOfAttorney(c, { name: "Advokat Berg" }, x),
  "complete-task": (c, x) => cmd.completeTask(c, { task: "a_contact", note: "Called" }, x),
  "waive-task": (c, x) => cmd.waiveTask(c, { task: "a_contact", reason: "Reached by letter only" }, x),
  "submit-draft": (c, x) => cmd.submitDraft(c, { body: "Dear Mette" }, x),
  approve: (c, x) => cmd.approve(c, x),
  "return-draft": (c, x) => cmd.returnDraft(c, { reason: "Too short" }, x),
  "send-reply": (c, x) => cmd.sendReply(c, { outcome: "partly_upheld", measures: "Talk with the class" }, x),
  "notify-delay": (c, x) => cmd.notifyDelay(c, { reason: "Awaiting statement", newDueDate: "2026-05-15" }, x),
  "set-deadline": (c, x) =>
    cmd.setDeadline(c, { kind: "reply", dueDate: "2026-05-15", reason: "Set by the citizens' advisor" }, x),
  "decide-reassessment": (c, x) =>
    cmd.decideReassessment(c, { result: "upheld", body: "Correct decision" }, x),
  "forward-to-appeals-board": (c, x) => cmd.forwardToAppealsBoard(c, x),
  "record-appeals-decision": (c, x) =>
    cmd.recordAppealsDecision(c, { result: "upheld", decidedAt: "2026-03-04" }, x),
  link: (c, x) => cmd.link(c, { id: "p-other-case", reference: "KLA-2026-9999" }, { lead: false }, x),
  withdraw: (c, x) => cmd.withdraw(c, { reason: "The complainant withdrew" }, x),
  close: (c, x) => cmd.close(c, x),
  reopen: (c, x) => cmd.reopen(c, { reason: "Not satisfied" }, x),
  "set-confidentiality": (c, x) => setConfidentiality(c, { level: "personnel", reason: "About a leader" }, x),
  "record-legal-review": (c, x) => recordLegalReview(c, { finding: "lawful" }, x),
  "send-handler-link": (c, x) =>
    sendHandlerLink(c, { name: "Lise Skoleleder", email: "skoleleder@skole.example" }, x),
};

export const PAIRS = COMMANDS.filter((c) => CALLS[c] !== null).flatMap((command) =>
  CASE_STATUSES.map((status) => ({ command, status, allowed: canRunFrom(command, status) })),
);

/** The decision complained of, on or off the fast track. */
export function decisionOf(fastTrack: boolean) {
  return { date: "2026-02-20", reference: "J.nr. 123", area: "kontanthjælp", fastTrack };
}

/** A dk-school case with a draft awaiting approval, drafted by `drafter`. */
export function draftedSchoolCase(drafter: Who = LEADER) {
  let c = register();
  c = cmd.acknowledge(c, ctx(RECEIVER)).case;
  c = cmd.assign(
    c,
    { handlers: [{ personId: drafter.personId, part: "all" }], coordinatorId: COORD.personId },
    ctx(RECEIVER),
  ).case;
  c = cmd.submitDraft(c, { body: "Kære Mette" }, ctx(drafter)).case;
  return c;
}
