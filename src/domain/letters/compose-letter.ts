/**
 * A queued letter made into its exact text when the case change happens: the recipient and how it
 * reaches them (e-mail, or print when only a phone number or postal address is known), the subject
 * and body rendered from the procedure's template or the default, in the organisation's language.
 */
import type { ComplaintCase } from "../case.js";
import type { LetterDraft } from "../case-effects.js";
import type { Directory, Locale, Organisation } from "../organisation.js";
import type { ProcedureDefinition } from "../procedure.js";
import {
  DEFAULT_LETTERS,
  LETTER_KEYS,
  type LetterKey,
  TEMPLATE_ALIASES,
  type Text,
} from "./default-letters.js";
import { type MergeValues, renderTemplate } from "./render-template.js";

export type DeliveryChannel = "email" | "print";

export interface ComposedLetter {
  key: string;
  to: LetterDraft["to"];
  language: Locale;
  channel: DeliveryChannel;
  recipientName: string;
  /** the e-mail address, else the postal address or phone number a printed letter is for */
  recipientAddress: string | null;
  subject: string;
  body: string;
}

export interface LetterSetting {
  organisation: Pick<Organisation, "name" | "locale" | "timeZone" | "country">;
  procedure: Pick<ProcedureDefinition, "templates" | "appealsBody" | "complaintWindow" | "country">;
  directory?: Pick<Directory, "people" | "units">;
  /** where a staff member opens the case (the handler's notification links it) */
  caseLink?: string;
}

const INTL: Record<Locale, string> = { da: "da-DK", nb: "nb-NO", en: "en-GB" };

/** A calendar date (YYYY-MM-DD) or instant in words: "2. marts 2026", "2 March 2026". */
export function dateInWords(value: string, language: Locale, timeZone: string): string {
  const instant = value.length === 10 ? `${value}T12:00:00Z` : value;
  return new Intl.DateTimeFormat(INTL[language], {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: value.length === 10 ? "UTC" : timeZone,
  }).format(new Date(instant));
}

const OUTCOMES: Record<string, Text> = {
  upheld: { da: "Klagen får medhold", nb: "Klagen tas til følge", en: "The complaint is upheld" },
  partly_upheld: {
    da: "Klagen får delvist medhold",
    nb: "Klagen tas delvis til følge",
    en: "The complaint is partly upheld",
  },
  not_upheld: {
    da: "Klagen får ikke medhold",
    nb: "Klagen tas ikke til følge",
    en: "The complaint is not upheld",
  },
  redirected: {
    da: "Klagen er henvist til rette klageinstans",
    nb: "Klagen er henvist til rett klageinstans",
    en: "The complaint is referred to the right appeal body",
  },
  withdrawn: { da: "Klagen er trukket tilbage", nb: "Klagen er trukket", en: "The complaint was withdrawn" },
  not_a_complaint: {
    da: "Henvendelsen er ikke en klage",
    nb: "Henvendelsen er ikke en klage",
    en: "Not a complaint",
  },
};

const MEASURES: Text = { da: "Vi gør følgende: ", nb: "Vi gjør følgende: ", en: "What we do about it: " };

function windowText(w: ProcedureDefinition["complaintWindow"], language: Locale): string {
  if (!w) return { da: "4 uger", nb: "3 uker", en: "4 weeks" }[language];
  const units: Record<string, Text> = {
    calendar_days: { da: "dage", nb: "dager", en: "days" },
    working_days: { da: "arbejdsdage", nb: "virkedager", en: "working days" },
    weeks: { da: "uger", nb: "uker", en: "weeks" },
    months: { da: "måneder", nb: "måneder", en: "months" },
  };
  return `${w.length} ${units[w.unit]?.[language] ?? w.unit}`;
}

/**
 * Guidance on complaining further, for every decision not fully upheld (forvaltningsloven § 25 /
 * the Norwegian § 27): the appeal body, how and the time limit. A complaint about anything else not
 * fully upheld names the ombudsman of a public body; a workplace procedure (no appeal body, NO
 * employer) has none.
 */
export function appealGuidance(c: ComplaintCase, setting: LetterSetting, language: Locale): string {
  if (c.outcome === "upheld" || c.outcome === null) return "";
  // a redirected decision complaint: the appeal body of its area, how and the time limit (seed 001-9)
  const route = c.outcome === "redirected" ? c.appealRoute : null;
  if (route) {
    const pick = (t: Partial<Text> | null) => t?.[language] ?? t?.da ?? t?.nb ?? t?.en ?? "";
    const limit = pick(route.timeLimit);
    const lead = { da: "Du kan klage til", nb: "Du kan klage til", en: "You can complain to" }[language];
    const within = { da: "Frist:", nb: "Frist:", en: "Time limit:" }[language];
    return [`${lead} ${pick(route.name)}. ${pick(route.how)}`, limit ? `${within} ${limit}.` : ""]
      .filter(Boolean)
      .join(" ");
  }
  const body = setting.procedure.appealsBody;
  // a partly changed decision: the part upheld goes on to the appeals board by itself (seed 004-28)
  if (c.type === "decision" && body && c.reassessment?.result === "partly_changed") {
    return {
      da: `Den del af afgørelsen, som vi fastholder, sender vi videre til ${body}, som træffer afgørelse og skriver til dig. Du skal ikke klage igen.`,
      nb: `Den delen av vedtaket som vi opprettholder, sender vi videre til ${body}, som avgjør saken og skriver til deg. Du trenger ikke klage på nytt.`,
      en: `The part of the decision we uphold is forwarded to ${body}, which will decide and write to you. You need not appeal again.`,
    }[language];
  }
  if (c.type === "decision" && body) {
    const limit = windowText(setting.procedure.complaintWindow, language);
    return {
      da:
        `Klagevejledning: Du kan klage over afgørelsen til ${body}. Send klagen til os inden ${limit} ` +
        `efter, at du har fået dette svar; vi genvurderer afgørelsen og sender klagen videre til ${body}, hvis vi fastholder den.`,
      nb:
        `Klageadgang: Du kan klage på vedtaket til ${body}. Send klagen til oss innen ${limit} etter at du ` +
        `fikk dette svaret; vi vurderer vedtaket på nytt og sender klagen videre til ${body} hvis vi opprettholder det.`,
      en:
        `How to appeal: you can appeal against the decision to ${body}. Send your appeal to us within ${limit} ` +
        `of receiving this reply; we reassess the decision and forward the appeal to ${body} if we uphold it.`,
    }[language];
  }
  if (setting.procedure.country === "DK")
    return {
      da: "Er du ikke tilfreds med svaret, kan du klage til Folketingets Ombudsmand (ombudsmanden.dk).",
      nb: "Er du ikke fornøyd med svaret, kan du klage til Folketingets Ombudsmand (ombudsmanden.dk).",
      en: "If you are not satisfied with the reply, you can complain to the Danish Parliamentary Ombudsman (ombudsmanden.dk).",
    }[language];
  return "";
}

/**
 * The sentence that gives the citizen their tracking link, or nothing when the case has none (stored
 * before the token was kept): a template names `{{trackingGuidance}}` on a line of its own, and the
 * empty line it leaves is dropped, as with `{{appealGuidance}}`.
 */
export function trackingGuidance(link: string, language: Locale): string {
  if (!link) return "";
  return {
    da: `Følg din klage her: ${link}\nLinket er personligt, så del det ikke med andre.`,
    nb: `Følg klagen din her: ${link}\nLenken er personlig, så ikke del den med andre.`,
    en: `Follow your complaint here: ${link}\nThe link is personal, so do not share it with others.`,
  }[language];
}

function templateFor(
  key: string,
  setting: LetterSetting,
  language: Locale,
): { subject: string; body: string } {
  const known = (LETTER_KEYS as readonly string[]).includes(key) ? DEFAULT_LETTERS[key as LetterKey] : null;
  const alias = TEMPLATE_ALIASES[key as LetterKey];
  const own = setting.procedure.templates[key] ?? (alias ? setting.procedure.templates[alias] : undefined);
  const body = own?.[language] ?? known?.body[language] ?? "{{body}}";
  const subject = known?.subject[language] ?? "{{reference}}";
  return { subject, body };
}

function recipient(c: ComplaintCase, draft: LetterDraft, setting: LetterSetting) {
  if (draft.to === "representative" && c.representative) {
    const r = c.representative;
    return { name: r.name, email: r.email, other: r.address ?? r.phone };
  }
  if (draft.to === "complainant") {
    const p = c.complainant;
    return { name: p.name ?? "", email: p.email, other: p.address ?? p.phone };
  }
  // a handler without an account (decision 0017): the name and address the sender gave
  if (draft.to === "handler" && !draft.personId) {
    return {
      name: draft.fields.recipientName ?? "",
      email: draft.fields.recipientEmail ?? null,
      other: null,
    };
  }
  if (draft.to === "handler" && draft.personId) {
    const person = setting.directory?.people.get(draft.personId);
    return { name: person?.name ?? "", email: person?.email ?? null, other: null };
  }
  // the appeals board and the citizens' advisor have no address in Klara: the letter is printed
  return {
    name: draft.to === "appeals_board" ? (setting.procedure.appealsBody ?? "") : "",
    email: null,
    other: null,
  };
}

/** The letter's exact text and where it goes; anonymous complainants never reach here (no draft). */
export function composeLetter(c: ComplaintCase, draft: LetterDraft, setting: LetterSetting): ComposedLetter {
  const language = setting.organisation.locale;
  const zone = setting.organisation.timeZone;
  const to = recipient(c, draft, setting);
  const handler = c.handlers[0] ? setting.directory?.people.get(c.handlers[0].personId) : undefined;
  const unit = c.unitId ? setting.directory?.units.get(c.unitId) : undefined;
  const reply = c.deadlines.find((d) => d.kind === "reply");
  const f = draft.fields;
  const toComplainantSide = draft.to === "complainant" || draft.to === "representative";
  const values: MergeValues = {
    reference: c.reference,
    recipientName: to.name,
    complainantName: c.complainant.name ?? to.name,
    handlerName: f.handlerName ?? handler?.name ?? "",
    unitName: unit?.name ?? "",
    organisationName: setting.organisation.name,
    senderName: setting.organisation.name,
    receivedDate: dateInWords(c.receivedAt, language, zone),
    replyDueDate: reply ? dateInWords(reply.dueDate, language, zone) : "",
    today: dateInWords(c.updatedAt, language, zone),
    subject: c.subject,
    reason: f.reason ?? "",
    newDueDate: f.newDueDate ? dateInWords(f.newDueDate, language, zone) : "",
    body: f.body ?? "",
    outcome: OUTCOMES[f.outcome ?? c.outcome ?? ""]?.[language] ?? "",
    measures: c.measures ? MEASURES[language] + c.measures : "",
    appealGuidance: draft.template === "reply" ? appealGuidance(c, setting, language) : "",
    appealsBody:
      f.appealsBody ??
      (c.appealRoute
        ? (c.appealRoute.name[language] ?? c.appealRoute.name.da ?? c.appealRoute.name.en ?? "")
        : undefined) ??
      setting.procedure.appealsBody ??
      "",
    // a handler without an account opens the case by their personal link instead (decision 0017)
    caseLink: f.caseLink ?? setting.caseLink ?? "",
    confirmLink: f.confirmLink ?? "",
    // the citizen's own link (decision 0025): only in a letter to the complainant's side
    trackingLink: toComplainantSide ? (f.trackingLink ?? "") : "",
    trackingGuidance: toComplainantSide ? trackingGuidance(f.trackingLink ?? "", language) : "",
  };
  const template = templateFor(draft.template, setting, language);
  return {
    key: draft.template,
    to: draft.to,
    language,
    channel: to.email ? "email" : "print",
    recipientName: to.name,
    recipientAddress: to.email ?? to.other ?? null,
    subject: renderTemplate(template.subject, values, `templates.${draft.template}.subject`),
    body: renderTemplate(template.body, values, `templates.${draft.template}.${language}`),
  };
}
