/**
 * Personal, expiring, single-case links (SPEC §1, seed 000; seed 001; decision 0017). The domain
 * decides who gets one and until when; the token itself is made and stored (hashed) by the
 * application when the letter carrying it is rendered, in the same transaction.
 */
import { Temporal } from "temporal-polyfill";
import { type ComplaintCase, letterRecipient } from "./case.js";
import {
  type CommandContext,
  type CommandResult,
  type JournalDraft,
  type LetterDraft,
  meetDeadline,
} from "./case-effects.js";
import { execute, push, requireText, setStatus } from "./command-kit.js";
import { titled } from "./journal-events.js";

/** A handler's link lasts 14 days unless the sender says otherwise, 60 at most. */
export const HANDLER_LINK_DAYS = { default: 14, max: 60 } as const;
/** A complainant has 30 days to confirm a formal complaint. */
export const CONFIRM_LINK_DAYS = 30;

/** The instant `days` whole days after `now` (24-hour days: an expiry, not a legal deadline). */
export function daysAfter(now: string, days: number): string {
  return Temporal.Instant.from(now)
    .add({ hours: 24 * days })
    .toString({ smallestUnit: "millisecond" });
}

/**
 * Seed 001: an inquiry registered by staff waits for the complainant to confirm it is a formal
 * complaint; the letter asking carries the link. Anonymous: no one to ask (no letter, as always).
 */
export function confirmationRequest(c: ComplaintCase, journal: JournalDraft[], now: string): LetterDraft[] {
  const to = letterRecipient(c);
  if (!to || c.status !== "pending_confirmation") return [];
  journal.push({
    kind: "letter_queued",
    ...titled("letter", { template: "confirm_formal_complaint" }),
    body: `To the ${to}.`,
  });
  return [
    {
      template: "confirm_formal_complaint",
      to,
      fields: {},
      link: { purpose: "confirm", expiresAt: daysAfter(now, CONFIRM_LINK_DAYS) },
    },
  ];
}

export interface HandlerLinkInput {
  name: string;
  email: string;
  expiresInDays?: number | undefined;
}

/**
 * The case goes to a handler without an account (the school leader of seed 000): journalised with
 * who and until when, and the handler's notification (the procedure's own text where it has one)
 * carries the personal link. It routes the case as an assignment would.
 */
export function sendHandlerLink(
  c0: ComplaintCase,
  input: HandlerLinkInput,
  ctx: CommandContext,
): CommandResult {
  return execute("send-handler-link", c0, ctx, (c, fx) => {
    const name = requireText(input.name, "handlerName", "Name the handler.");
    const email = requireText(input.email, "handlerEmail", "Give the handler's e-mail address.");
    const days = input.expiresInDays ?? HANDLER_LINK_DAYS.default;
    const expiresAt = daysAfter(ctx.now, days);
    fx.journal.push({
      kind: "note",
      ...titled("handler_link_sent"),
      body: `${name} <${email}>\nValid until ${expiresAt} (${days} days). An earlier link to the case no longer works.`,
    });
    fx.letters.push({
      template: "handler_notification",
      to: "handler",
      fields: { recipientName: name, recipientEmail: email, handlerName: name },
      link: { purpose: "handler", expiresAt, name, email },
    });
    fx.journal.push({
      kind: "letter_queued",
      ...titled("letter", { template: "handler_notification" }),
      body: "To the external handler.",
    });
    push(fx, meetDeadline(c, "route", ctx.now, ctx.calendar.timeZone));
    if (c.status === "received" || c.status === "acknowledged") setStatus(c, fx, "assigned", ctx);
  });
}

/** The external handler's reply or notes: a document entry, and word to whoever runs the case. */
export function receiveFromExternalHandler(
  c: ComplaintCase,
  input: { name: string; lines: readonly string[]; fallbackCoordinatorId: string | null },
  now: string,
): CommandResult {
  const people = [...new Set([...c.handlers.map((h) => h.personId), c.coordinatorId])].filter(
    (p): p is string => !!p,
  );
  const told = people.length ? people : [input.fallbackCoordinatorId].filter((p): p is string => !!p);
  return {
    case: { ...c, updatedAt: now },
    effects: {
      journal: [
        {
          kind: "document_in",
          ...titled("external_handler_reply"),
          body: [`From ${input.name} (personal link).`, ...input.lines].join("\n"),
        },
      ],
      letters: [],
      notifications: told.map((personId) => ({
        personId,
        kind: "handler_link_reply",
        message: `${c.reference}: ${input.name} sent a reply or notes through the personal link`,
      })),
    },
  };
}
