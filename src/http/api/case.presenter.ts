/**
 * The case as the API shows it (API.md "GET /cases/{id}"). The schema filters: a field not named
 * here never leaves the server. The national id is always masked.
 */
import { z } from "zod";
import type { CaseDetail } from "../../app/get-case.js";
import { maskNationalId } from "../../domain/case.js";

const nullableString = z.string().nullable();

const SkippedDayView = z.object({
  date: z.string(),
  holiday: nullableString.describe("null: a closing day"),
});

/** How a due date was computed, as data beside the English explanation (decision 0019). */
const ReckoningView = z
  .object({
    from: z.enum(["received", "decision"]),
    start: z.string(),
    length: z.number(),
    unit: z.string(),
    skipped: z.array(SkippedDayView),
    reached: z.string(),
    lastDayOfMonth: z.boolean(),
    roll: z
      .object({
        reason: z.object({
          day: z.enum(["saturday", "sunday", "closing_day", "public_holiday"]),
          name: z.string().optional(),
        }),
        kept: z.boolean(),
        to: z.string().optional(),
        skipped: z.array(SkippedDayView).optional(),
      })
      .nullable(),
  })
  .nullable()
  .default(null)
  .describe("how the date was computed, as data; null on deadlines planned before it was kept");

export const DeadlineView = z.object({
  kind: z.string(),
  dueDate: z.string(),
  originalDueDate: z.string(),
  explanation: z.string(),
  reckoning: ReckoningView,
  metAt: nullableString,
  missedAt: nullableString,
  extensions: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string(), at: z.string() })),
});

export const JournalEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  event: z
    .object({ code: z.string(), params: z.record(z.string(), z.unknown()) })
    .nullable()
    .default(null)
    .describe(
      "the title's code and parameters (decision 0019), covered by the hash; null on entries written before",
    ),
  hash: z.string(),
  prevHash: z.string(),
});

export const CaseView = z
  .object({
    id: z.string(),
    reference: z.string(),
    procedure: z.string(),
    procedureVersion: z.number(),
    status: z.string(),
    receivedAt: z.string(),
    acknowledgedAt: nullableString,
    channel: z.string(),
    source: z.string(),
    complainant: z.object({
      anonymous: z.boolean(),
      name: nullableString,
      email: nullableString,
      phone: nullableString,
      address: nullableString,
      nationalId: nullableString.describe("masked"),
    }),
    representative: z
      .object({
        name: z.string(),
        email: nullableString,
        phone: nullableString,
        address: nullableString,
        powerOfAttorneyReceived: z.boolean(),
      })
      .nullable(),
    subject: z.string(),
    description: z.string(),
    type: z.string(),
    category: nullableString,
    unit: nullableString,
    personComplainedAbout: nullableString,
    decision: z
      .object({
        date: nullableString,
        reference: nullableString,
        area: nullableString,
        fastTrack: z.boolean(),
        late: z.boolean(),
      })
      .nullable(),
    confidentiality: z.string(),
    handlers: z.array(z.object({ person: z.string(), part: z.string(), partSubmittedAt: nullableString })),
    coordinator: nullableString,
    approver: nullableString,
    signatory: nullableString,
    draft: z
      .object({
        body: z.string(),
        drafter: z.string(),
        submittedAt: z.string(),
        combined: z.boolean(),
        approvals: z.array(z.object({ person: z.string(), stage: z.string(), at: z.string() })),
      })
      .nullable(),
    deadlines: z.array(DeadlineView),
    outcome: nullableString,
    measures: nullableString,
    rootCauses: z.array(z.string()),
    resolution: nullableString,
    reassessment: z.object({ result: z.string(), body: z.string(), decidedAt: z.string() }).nullable(),
    appealsBoard: z
      .object({
        forwardedAt: z.string(),
        result: nullableString,
        decidedAt: nullableString,
        // "rest": the part of a partly changed decision upheld; the new decision went to the citizen
        part: z.enum(["whole", "rest"]).optional(),
      })
      .nullable(),
    // a redirected decision complaint: the appeal body the citizen was guided to (decision 0003)
    appealRoute: z
      .object({
        area: nullableString,
        name: z.record(z.string(), z.string()),
        how: z.record(z.string(), z.string()),
        timeLimit: z.record(z.string(), z.string()).nullable(),
      })
      .nullable(),
    legalReview: z
      .object({
        requestedAt: z.string(),
        reason: z.string(),
        finding: nullableString,
        note: nullableString,
        reviewedAt: nullableString,
      })
      .nullable(),
    // a linked case the reader may not see: no id, no reference, only that it exists (decision 0007)
    links: z.array(
      z.object({
        case: nullableString,
        reference: nullableString,
        lead: nullableString,
        confidential: z.boolean(),
      }),
    ),
    tasks: z.array(
      z.object({ key: z.string(), doneAt: nullableString, note: nullableString, waived: z.boolean() }),
    ),
    deviations: z.array(z.object({ deadlineKind: z.string(), dueDate: z.string(), recordedAt: z.string() })),
    allowedCommands: z.array(z.string()).describe("the commands this person can run on the case now"),
    expectedApproval: z
      .object({
        stage: z.string(),
        /** 0-based index of the stage in the procedure's approval chain */
        index: z.number(),
        /** who may approve it; null when the stage goes by role alone */
        people: z.array(z.object({ id: z.string(), name: z.string() })).nullable(),
      })
      .nullable()
      .describe("the approval stage the draft waits for, and who it names"),
    letters: z
      .array(
        z.object({
          id: z.string(),
          letter: z.string(),
          to: z.string(),
          channel: nullableString.describe("email, print or digital_post"),
          state: z
            .string()
            .describe(
              "queued, for_print, sent, captured (no SMTP), failed, bounced (lastError: why), unrendered",
            ),
          recipient: nullableString,
          subject: nullableString,
          createdAt: z.string(),
          sentAt: nullableString,
          attempts: z.number(),
          lastError: nullableString,
        }),
      )
      .describe("the case's outgoing letters and how each went; the exact text is in the journal"),
    externalHandlers: z
      .array(
        z.object({
          name: z.string(),
          email: nullableString,
          sentAt: z.string(),
          expiresAt: z.string(),
          state: z.enum(["active", "expired", "revoked", "ended", "used"]),
        }),
      )
      .describe(
        "handlers without an account given the case by a personal link (send-handler-link), newest first; " +
          "only the newest can be active",
      ),
    journal: z.array(JournalEntryView),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: nullableString,
    version: z.number(),
  })
  .meta({ id: "Case" });

export function presentCase(detail: CaseDetail): z.input<typeof CaseView> {
  const c = detail.case;
  return {
    id: c.id,
    reference: c.reference,
    procedure: c.procedureId,
    procedureVersion: c.procedureVersion,
    status: c.status,
    receivedAt: c.receivedAt,
    acknowledgedAt: c.acknowledgedAt,
    channel: c.channel,
    source: c.source,
    complainant: { ...c.complainant, nationalId: maskNationalId(c.complainant.nationalId) },
    representative: c.representative,
    subject: c.subject,
    description: c.description,
    type: c.type,
    category: c.category,
    unit: c.unitId,
    personComplainedAbout: c.personComplainedAboutId,
    decision: c.decision,
    confidentiality: c.confidentiality,
    handlers: c.handlers.map((h) => ({
      person: h.personId,
      part: h.part,
      partSubmittedAt: h.partReply?.at ?? null,
    })),
    coordinator: c.coordinatorId,
    approver: c.approverId,
    signatory: c.signatoryId,
    draft: c.draft && {
      body: c.draft.body,
      drafter: c.draft.drafterId,
      submittedAt: c.draft.submittedAt,
      combined: c.draft.combined,
      approvals: c.draft.approvals.map((a) => ({ person: a.personId, stage: a.stage, at: a.at })),
    },
    deadlines: c.deadlines,
    outcome: c.outcome,
    measures: c.measures,
    rootCauses: c.rootCauses,
    resolution: c.resolution,
    reassessment: c.reassessment,
    appealsBoard: c.appealsBoard,
    appealRoute: c.appealRoute ?? null,
    legalReview: c.legalReview ?? null,
    links: detail.links.map((l) => ({
      case: l.caseId,
      reference: l.reference,
      lead: l.leadCaseId,
      confidential: l.confidential,
    })),
    tasks: c.tasks.map((t) => ({ key: t.key, doneAt: t.doneAt, note: t.note, waived: t.waived ?? false })),
    deviations: c.deviations,
    allowedCommands: detail.allowedCommands,
    expectedApproval: detail.expectedApproval && {
      stage: detail.expectedApproval.stage.name,
      index: detail.expectedApproval.index,
      people: detail.expectedApproval.people?.map((p) => ({ id: p.id, name: p.name })) ?? null,
    },
    letters: detail.letters.map((l) => {
      const draft = l.payload as { template?: string; to?: string };
      return {
        id: l.id,
        letter: draft.template ?? "",
        to: draft.to ?? "",
        channel: l.channel,
        state: l.state,
        recipient: l.recipientAddress,
        subject: l.subject,
        createdAt: l.createdAt,
        sentAt: l.sentAt,
        attempts: l.attempts,
        lastError: l.lastError,
      };
    }),
    externalHandlers: detail.externalHandlers,
    journal: detail.journal,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    closedAt: c.closedAt,
    version: c.version,
  };
}
