/**
 * Legal validation (dk-central-unit, seed 001-13): a legal reviewer is asked to validate a sample of
 * answered cases — every case whose reference number is a multiple of `sampleEvery`, and every case
 * answered with an outcome in `always` — and records a finding. Sampling by the reference number
 * makes it deterministic (decision 0003).
 */
import type { ComplaintCase, LegalReview } from "./case.js";
import type { CommandContext, CommandResult, Effects } from "./case-effects.js";
import { execute } from "./command-kit.js";
import { forbidden, invalidInput, invalidState } from "./errors.js";
import { titled } from "./journal-events.js";
import type { Outcome } from "./vocabulary.js";

export const LEGAL_FINDINGS = ["lawful", "issues"] as const;
export type LegalFinding = (typeof LEGAL_FINDINGS)[number];

/** The case's sequence number: KLA-2026-000042 → 42 (null for a reference of another form). */
export function sequenceOf(reference: string): number | null {
  const m = /(\d+)$/.exec(reference);
  return m ? Number(m[1]) : null;
}

/** Why this answered case is sampled for legal validation, or null. */
export function legalReviewReason(
  c: Pick<ComplaintCase, "reference">,
  outcome: Outcome,
  ctx: Pick<CommandContext, "procedure">,
): LegalReview["reason"] | null {
  const setting = ctx.procedure.legalReview;
  if (!setting) return null;
  if (setting.always.includes(outcome)) return "outcome";
  const n = sequenceOf(c.reference);
  if (setting.sampleEvery && n !== null && n % setting.sampleEvery === 0) return "sample";
  return null;
}

/** The legal people of the organisation (the reviewers told of a request). */
function legalPeople(ctx: CommandContext): string[] {
  const people = ctx.directory ? [...ctx.directory.people.values()] : [];
  return people
    .filter((p) => p.active !== false && p.roles.includes("legal"))
    .map((p) => p.id)
    .sort();
}

/**
 * Called when a reply is sent: a sampled case gets the request (once per case; a reopened case keeps
 * its review), journalised, and each legal person is notified.
 */
export function requestLegalReviewIfSampled(
  c: ComplaintCase,
  outcome: Outcome,
  fx: Effects,
  ctx: CommandContext,
): void {
  if (c.legalReview) return;
  const reason = legalReviewReason(c, outcome, ctx);
  if (!reason) return;
  c.legalReview = { requestedAt: ctx.now, reason, finding: null, note: null, reviewedAt: null, byId: null };
  const why =
    reason === "outcome"
      ? `Every case answered "${outcome}" is validated.`
      : `Every ${ctx.procedure.legalReview?.sampleEvery}th answered case is validated.`;
  fx.journal.push({ kind: "note", ...titled("legal_review_requested"), body: why });
  for (const personId of legalPeople(ctx)) {
    fx.notifications.push({
      personId,
      kind: "legal_review",
      message: `${c.reference}: legal validation requested`,
    });
  }
}

/** The legal reviewer's finding on an answered case (legal role only), journalised. */
export function recordLegalReview(
  c0: ComplaintCase,
  input: { finding: LegalFinding; note?: string | null },
  ctx: CommandContext,
): CommandResult {
  return execute("record-legal-review", c0, ctx, (c, fx) => {
    if (!ctx.actor.roles.includes("legal")) {
      throw forbidden("Only a legal reviewer records a legal validation.");
    }
    if (c.legalReview?.finding) {
      throw invalidState("already_reviewed", "The legal validation of this case is already recorded.");
    }
    const note = input.note?.trim() || null;
    if (input.finding === "issues" && !note) {
      throw invalidInput([{ path: "note", message: "Say what the issues are.", code: "required" }]);
    }
    c.legalReview = {
      requestedAt: c.legalReview?.requestedAt ?? ctx.now,
      reason: c.legalReview?.reason ?? "voluntary",
      finding: input.finding,
      note,
      reviewedAt: ctx.now,
      byId: ctx.actor.personId,
    };
    fx.journal.push({
      kind: "legal_review",
      ...titled("legal_review", { finding: input.finding === "lawful" ? "lawful" : "issues" }),
      body: note ?? "",
    });
  });
}

/** The list filter's value for a case: pending, lawful, issues, or null when never requested. */
export function legalReviewState(c: Pick<ComplaintCase, "legalReview">): string | null {
  if (!c.legalReview) return null;
  return c.legalReview.finding ?? "pending";
}
