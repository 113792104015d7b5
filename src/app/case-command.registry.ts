/**
 * Every case command in one place (issue 7 point 3): its body schema, who may run it, whether it can
 * do anything now, the domain function and its form on the case page. The API routes, the OpenAPI
 * document, allowedCommands and the case page's forms are all derived from this table; the states a
 * command runs from are the domain's transition table (lifecycle.ts), checked by the domain function.
 */
import { z } from "zod";
import * as domain from "../domain/case-commands.js";
import { setConfidentiality } from "../domain/confidentiality-command.js";
import { LEGAL_FINDINGS, recordLegalReview } from "../domain/legal-review.js";
import type { CommandName } from "../domain/lifecycle.js";
import { HANDLER_LINK_DAYS, sendHandlerLink } from "../domain/personal-links.js";
import { recordPowerOfAttorney } from "../domain/representation-commands.js";
import {
  AppealsResult,
  CaseType,
  Confidentiality,
  ContactChannel,
  DeadlineKind,
  IsoDate,
  Outcome,
  ReassessmentResult,
} from "../domain/vocabulary.js";
import {
  APPROVAL,
  awaitsReassessment,
  type CaseCommand,
  command,
  coordinates,
  draftApproved,
  empty,
  INTAKE,
  instant,
  isHandler,
  mayApproveNow,
  namedForStage,
  openTasks,
  optionalText,
  reasonForm,
  runningDeadlines,
  text,
  WORK,
} from "./case-command.kit.js";
import { assignment, findLinkTarget, unitIdOf } from "./command-inputs.js";

export type { CaseCommand, FormField } from "./case-command.kit.js";

export const CASE_COMMANDS: { readonly [C in CommandName]: CaseCommand } = {
  "confirm-complaint": command({
    body: empty,
    summary: "The complainant confirmed the inquiry is a formal complaint",
    roles: INTAKE,
    caseHandlers: true,
    form: [],
    run: ({ view, ctx }) => domain.confirmComplaint(view.case, ctx),
  }),
  "mark-not-a-complaint": command({
    body: z.object({ reason: text(2000) }).strict(),
    summary: "Mark the inquiry as not a formal complaint",
    roles: INTAKE,
    caseHandlers: true,
    form: reasonForm,
    run: ({ view, body, ctx }) => domain.markNotAComplaint(view.case, body, ctx),
  }),
  acknowledge: command({
    body: empty,
    summary: "Acknowledge receipt (once per case)",
    roles: INTAKE,
    caseHandlers: true,
    form: [],
    possible: (c) => !c.acknowledgedAt,
    run: ({ view, ctx }) => domain.acknowledge(view.case, ctx),
  }),
  classify: command({
    body: z.object({ type: CaseType, category: optionalText(64) }).strict(),
    summary: "Set the case's type and category",
    roles: [...INTAKE, "handler"],
    caseHandlers: true,
    form: [
      { name: "type", kind: "select", options: CaseType.options, optionLabels: "type" },
      { name: "category", kind: "select" },
    ],
    run: ({ view, body, ctx }) => domain.classify(view.case, body, ctx),
  }),
  correct: command({
    body: z
      .object({
        unit: optionalText(64),
        type: CaseType.optional(),
        category: optionalText(64),
        decisionDate: IsoDate.optional().nullable(),
        decisionReference: optionalText(100),
        decisionArea: optionalText(100),
        fastTrack: z.boolean().optional(),
        reason: text(5000),
      })
      .strict(),
    summary:
      "Correct the unit (id or code), type, category or the decision complained of registered at intake; " +
      "journalised with the old and new value",
    roles: [...INTAKE, "handler"],
    caseHandlers: true,
    form: [
      { name: "unit", kind: "text" },
      { name: "type", kind: "select", options: CaseType.options, optionLabels: "type" },
      { name: "category", kind: "select" },
      { name: "decisionDate", kind: "date" },
      { name: "decisionReference", kind: "text" },
      { name: "reason", kind: "textarea" },
    ],
    run: ({ view, body, ctx }) =>
      domain.correctCase(
        view.case,
        {
          ...body,
          unitId: body.unit ? unitIdOf(view, body.unit) : undefined,
          unitName: (id) => (id && view.directory.units.get(id)?.code) || "-",
          // an empty category from a form: leave it as it is
          category: body.category === "" ? undefined : body.category,
        },
        ctx,
      ),
  }),
  assign: command({
    body: z
      .object({
        handlers: z
          .array(z.object({ person: text(64), part: text(500).default("the whole complaint") }).strict())
          .max(20)
          .optional(),
        coordinator: optionalText(64),
      })
      .strict(),
    summary: "Assign handlers by name, or by the procedure's routing when none are named",
    roles: INTAKE,
    caseHandlers: true,
    form: [],
    run: ({ view, body, ctx }) => domain.assign(view.case, assignment(view, body, ctx), ctx),
  }),
  "record-contact": command({
    body: z.object({ channel: ContactChannel, at: instant, note: z.string().max(20_000) }).strict(),
    summary: "Record a contact with the complainant, with a note of what was said",
    roles: [...INTAKE, "handler", "manager"],
    caseHandlers: true,
    form: [
      { name: "channel", kind: "select", options: ContactChannel.options, optionLabels: "contact" },
      { name: "note", kind: "textarea" },
    ],
    possible: (c) => !c.complainant.anonymous,
    run: ({ view, body, ctx }) => domain.recordContact(view.case, body, ctx),
  }),
  "add-note": command({
    body: z.object({ title: text(300), body: z.string().max(50_000).default("") }).strict(),
    summary: "Add a note to the journal",
    roles: ["receiver", "coordinator", "handler", "approver", "legal", "manager", "admin"],
    caseHandlers: true,
    form: [
      { name: "title", kind: "text" },
      { name: "body", kind: "textarea" },
    ],
    run: ({ view, body, ctx }) => domain.addNote(view.case, body, ctx),
  }),
  "record-power-of-attorney": command({
    body: z
      .object({
        name: optionalText(200),
        email: z.email().max(254).optional().nullable(),
        phone: optionalText(30),
        address: optionalText(500),
      })
      .strict(),
    summary:
      "Record a representative's power of attorney received after the complaint (name the " +
      "representative when the case has none); letters then go to the representative",
    roles: [...INTAKE, "handler"],
    caseHandlers: true,
    form: [
      { name: "name", kind: "text" },
      { name: "email", kind: "text" },
    ],
    possible: (c) => !c.complainant.anonymous && !c.representative?.powerOfAttorneyReceived,
    run: ({ view, body, ctx }) => recordPowerOfAttorney(view.case, body, ctx),
  }),
  "complete-task": command({
    body: z.object({ task: text(64), note: z.string().max(20_000).default("") }).strict(),
    summary: "Complete one of the procedure's tasks, with a note",
    roles: WORK,
    caseHandlers: true,
    form: [
      { name: "task", kind: "select" },
      { name: "note", kind: "textarea" },
    ],
    possible: openTasks,
    run: ({ view, body, ctx }) => domain.completeTask(view.case, body, ctx),
  }),
  "waive-task": command({
    body: z.object({ task: text(64), reason: text(5000) }).strict(),
    summary: "Leave out one of the procedure's tasks, with the reason on record",
    roles: WORK,
    caseHandlers: true,
    form: [
      { name: "task", kind: "select" },
      { name: "reason", kind: "textarea" },
    ],
    possible: openTasks,
    run: ({ view, body, ctx }) => domain.waiveTask(view.case, body, ctx),
  }),
  "submit-draft": command({
    body: z.object({ body: text(100_000) }).strict(),
    summary: "Submit a draft reply (a handler's part when several handle the case)",
    roles: WORK,
    caseHandlers: true,
    form: [{ name: "body", kind: "textarea" }],
    possible: (c, ctx) =>
      domain.openRequiredTasks(c, ctx).length === 0 &&
      !awaitsReassessment(c, ctx) &&
      (isHandler(c, ctx.actor.personId) || coordinates(c, ctx)),
    run: ({ view, body, ctx }) => domain.submitDraft(view.case, body, ctx),
  }),
  approve: command({
    body: empty,
    summary: "Approve the draft at its next stage (by the person the stage names)",
    roles: APPROVAL,
    caseHandlers: false,
    form: [],
    possible: mayApproveNow,
    run: ({ view, ctx }) => domain.approve(view.case, ctx),
  }),
  "return-draft": command({
    body: z.object({ reason: text(5000) }).strict(),
    summary: "Return the draft to its drafter with what must change",
    roles: APPROVAL,
    caseHandlers: false,
    form: reasonForm,
    possible: (c, ctx) =>
      !!c.draft &&
      c.draft.drafterId !== ctx.actor.personId &&
      namedForStage(c, ctx, Math.min(c.draft.approvals.length, ctx.procedure.approval.length - 1)),
    run: ({ view, body, ctx }) => domain.returnDraft(view.case, body, ctx),
  }),
  "send-reply": command({
    body: z
      .object({
        outcome: Outcome,
        measures: optionalText(10_000),
        rootCauses: z.array(z.string().max(64)).max(20).optional(),
        resolution: z.enum(["formal", "informal"]).optional(),
      })
      .strict(),
    summary: "Send the reply with its outcome",
    roles: [...WORK, "approver"],
    caseHandlers: true,
    form: [
      // withdrawn and not-a-complaint have their own actions
      {
        name: "outcome",
        kind: "select",
        options: Outcome.options.filter((o) => o !== "withdrawn" && o !== "not_a_complaint"),
        optionLabels: "outcome",
      },
      { name: "measures", kind: "textarea" },
      { name: "resolution", kind: "select", options: ["formal", "informal"], optionLabels: "resolution" },
      { name: "rootCauses", kind: "checkboxes", optionLabels: "rootCause" },
    ],
    possible: (c, ctx) => {
      if (domain.openRequiredTasks(c, ctx).length > 0) return false;
      const informal = ctx.procedure.allowInformalResolution && c.contacts.length > 0;
      // without approval stages a redirect needs no draft; with them it is a reply like any other
      const redirect = ctx.procedure.approval.length === 0;
      const formal =
        draftApproved(c, ctx) &&
        (c.handlers.length <= 1 || coordinates(c, ctx)) &&
        !awaitsReassessment(c, ctx);
      return informal || redirect || formal;
    },
    run: ({ view, body, ctx }) =>
      domain.sendReply(view.case, { ...body, measures: body.measures ?? null }, ctx),
  }),
  "notify-delay": command({
    body: z.object({ reason: text(5000), newDueDate: IsoDate }).strict(),
    summary: "Move the reply (or reassessment) deadline with a delay notice to the complainant",
    roles: WORK,
    caseHandlers: true,
    form: [
      { name: "reason", kind: "textarea" },
      { name: "newDueDate", kind: "date" },
    ],
    possible: (c) => runningDeadlines(c).some((d) => d.kind === "reply" || d.kind === "reassessment"),
    run: ({ view, body, ctx }) => domain.notifyDelay(view.case, body, ctx),
  }),
  "set-deadline": command({
    body: z.object({ kind: DeadlineKind, dueDate: IsoDate, reason: text(5000) }).strict(),
    summary: "Set a running deadline to a date given from outside",
    roles: ["coordinator", "admin"],
    // a handler moves their own deadline only by a delay notice, which the complainant receives
    caseHandlers: false,
    form: [
      { name: "kind", kind: "select", optionLabels: "deadline" },
      { name: "dueDate", kind: "date" },
      { name: "reason", kind: "textarea" },
    ],
    possible: (c) => runningDeadlines(c).length > 0,
    run: ({ view, body, ctx }) => domain.setDeadline(view.case, body, ctx),
  }),
  "decide-reassessment": command({
    body: z.object({ result: ReassessmentResult, body: text(50_000) }).strict(),
    summary: "Decide the reassessment of the decision complained of",
    roles: WORK,
    caseHandlers: true,
    form: [
      { name: "result", kind: "select", options: ReassessmentResult.options, optionLabels: "reassessment" },
      { name: "body", kind: "textarea" },
    ],
    possible: (c) => c.type === "decision" && !c.reassessment,
    run: ({ view, body, ctx }) => domain.decideReassessment(view.case, body, ctx),
  }),
  "forward-to-appeals-board": command({
    body: empty,
    summary:
      "Forward a decision upheld on reassessment to the appeals board (partly changed: the part upheld, " +
      "after the reply with the new decision)",
    roles: [...WORK, "legal"],
    caseHandlers: true,
    form: [],
    possible: (c, ctx) =>
      !!ctx.procedure.appealsBody &&
      !c.appealsBoard &&
      (c.reassessment?.result === "upheld" ||
        // a partly changed decision: the rest, once the new decision's reply is sent
        (c.reassessment?.result === "partly_changed" && c.status === "answered")),
    run: ({ view, ctx }) => domain.forwardToAppealsBoard(view.case, ctx),
  }),
  "record-appeals-decision": command({
    body: z.object({ result: AppealsResult, decidedAt: IsoDate }).strict(),
    summary: "Record the appeals board's decision",
    roles: [...WORK, "legal"],
    caseHandlers: true,
    form: [
      { name: "result", kind: "select", options: AppealsResult.options, optionLabels: "appeals" },
      { name: "decidedAt", kind: "date" },
    ],
    possible: (c) => !!c.appealsBoard && !c.appealsBoard.result,
    run: ({ view, body, ctx }) => domain.recordAppealsDecision(view.case, body, ctx),
  }),
  link: command({
    body: z
      .object({ case: text(64), lead: z.boolean().optional(), answerTogether: z.boolean().optional() })
      .strict(),
    summary:
      "Link another case: merely related, or answered together (lead: true — the named case's reply " +
      "answers both; answerTogether: true alone — this case's reply answers both)",
    roles: [...INTAKE, "handler"],
    caseHandlers: true,
    form: [
      { name: "case", kind: "text" },
      { name: "lead", kind: "select", options: ["false", "true", "this"], optionLabels: "lead" },
    ],
    run: async ({ tx, view, body, ctx }) =>
      domain.link(view.case, await findLinkTarget(tx, view, body.case, ctx), body, ctx),
  }),
  withdraw: command({
    body: z.object({ reason: text(5000) }).strict(),
    summary: "Record that the complainant withdrew the complaint",
    roles: [...INTAKE, "handler"],
    caseHandlers: true,
    form: reasonForm,
    run: ({ view, body, ctx }) => domain.withdraw(view.case, body, ctx),
  }),
  close: command({
    body: empty,
    summary: "Close an answered case",
    roles: [...INTAKE, "handler"],
    caseHandlers: true,
    form: [],
    possible: (c) =>
      !!c.outcome &&
      !(c.reassessment?.result === "upheld" && !c.appealsBoard) &&
      !domain.restAwaitsForwarding(c),
    run: ({ view, ctx }) => domain.close(view.case, ctx),
  }),
  reopen: command({
    body: z.object({ reason: text(5000) }).strict(),
    summary: "Reopen the case: the complainant is not satisfied with the reply",
    roles: INTAKE,
    caseHandlers: true,
    form: reasonForm,
    run: ({ view, body, ctx }) => domain.reopen(view.case, body, ctx),
  }),
  "set-confidentiality": command({
    body: z.object({ level: Confidentiality, reason: text(5000) }).strict(),
    summary:
      "Raise or lower the case's confidentiality (normal or personnel), with a reason; a complaint " +
      "about a named person stays personnel (decision 0007)",
    // the leaders and legal who decide openness case by case, and the case's own handler
    roles: ["manager", "legal", "admin"],
    caseHandlers: true,
    form: [
      { name: "level", kind: "select", options: Confidentiality.options, optionLabels: "confidentiality" },
      { name: "reason", kind: "textarea" },
    ],
    possible: (c) => !(c.confidentiality === "personnel" && c.personComplainedAboutId !== null),
    run: ({ view, body, ctx }) => setConfidentiality(view.case, body, ctx),
  }),
  "record-legal-review": command({
    body: z.object({ finding: z.enum(LEGAL_FINDINGS), note: optionalText(20_000) }).strict(),
    summary:
      "Record the legal reviewer's validation of an answered case: lawful, or issues (with a note); " +
      "legal role only (seed 001-13)",
    roles: ["legal"],
    caseHandlers: false,
    form: [
      { name: "finding", kind: "select", options: LEGAL_FINDINGS, optionLabels: "legalFinding" },
      { name: "note", kind: "textarea" },
    ],
    possible: (c) => !c.legalReview?.finding,
    run: ({ view, body, ctx }) => recordLegalReview(view.case, body, ctx),
  }),
  "send-handler-link": command({
    body: z
      .object({
        handlerName: text(200),
        handlerEmail: z.email().max(254),
        expiresInDays: z.coerce.number().int().min(1).max(HANDLER_LINK_DAYS.max).optional(),
      })
      .strict(),
    summary:
      "Give the case to a handler without an account (spec §1, seed 000): e-mails them a personal, expiring " +
      "link (/handler/{token}; default 14 days, at most 60) to read the case and upload their reply or notes; " +
      "an earlier link to the case stops working",
    roles: INTAKE,
    caseHandlers: true,
    form: [
      { name: "handlerName", kind: "text" },
      { name: "handlerEmail", kind: "text" },
      { name: "expiresInDays", kind: "text" },
    ],
    run: ({ view, body, ctx }) =>
      sendHandlerLink(
        view.case,
        { name: body.handlerName, email: body.handlerEmail, expiresInDays: body.expiresInDays },
        ctx,
      ),
  }),
};

export const isCaseCommand = (name: string): name is CommandName => Object.hasOwn(CASE_COMMANDS, name);

/** The body schema of each command, e.g. for the OpenAPI document. */
export const commandBodySchema = (name: CommandName): z.ZodType => CASE_COMMANDS[name].body;
