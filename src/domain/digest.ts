/**
 * The daily digest of a person's due cases (issue 8.5): which of their open cases' running deadlines
 * are overdue or due within the next days, and the e-mail that lists them — the reference, what is
 * due and when, never the case's content (as notification e-mails, decision 0014). Pure.
 */
import { type ComplaintCase, openDeadlines } from "./case.js";
import { dateInWords } from "./letters/compose-letter.js";
import type { Locale } from "./organisation.js";

export interface DigestItem {
  reference: string;
  kind: string;
  dueDate: string;
  overdue: boolean;
}

/** "My" cases: those I handle and those I coordinate. */
export function digestItems(
  cases: readonly ComplaintCase[],
  personId: string,
  today: string,
  through: string,
): DigestItem[] {
  return cases
    .filter((c) => c.coordinatorId === personId || c.handlers.some((h) => h.personId === personId))
    .flatMap((c) =>
      openDeadlines(c)
        .filter((d) => d.dueDate <= through)
        .map((d) => ({
          reference: c.reference,
          kind: d.kind,
          dueDate: d.dueDate,
          overdue: d.dueDate < today,
        })),
    )
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.reference.localeCompare(b.reference));
}

interface Words {
  subject: string;
  intro: string;
  overdue: string;
  upcoming: string;
  open: string;
  kinds: Record<string, string>;
}

const WORDS: Record<Locale, Words> = {
  da: {
    subject: "Klara: dine sager med frist ({date})",
    intro: "Dine åbne sager med en frist, der er overskredet eller falder inden for {days} dage:",
    overdue: "Overskredet",
    upcoming: "Inden for {days} dage",
    open: "Log ind i Klara og åbn Mit arbejde: {link}",
    kinds: {
      acknowledge: "kvittering",
      route: "fordeling",
      firstContact: "første kontakt",
      draft: "udkast til svar",
      reassessment: "genvurdering",
      reply: "svar",
    },
  },
  nb: {
    subject: "Klara: sakene dine med frist ({date})",
    intro: "De åpne sakene dine med en frist som er oversittet eller faller innen {days} dager:",
    overdue: "Oversittet",
    upcoming: "Innen {days} dager",
    open: "Logg inn i Klara og åpne Mitt arbeid: {link}",
    kinds: {
      acknowledge: "kvittering",
      route: "fordeling",
      firstContact: "første kontakt",
      draft: "utkast til svar",
      reassessment: "ny vurdering",
      reply: "svar",
    },
  },
  en: {
    subject: "Klara: your cases that are due ({date})",
    intro: "Your open cases with a deadline that has passed or falls within {days} days:",
    overdue: "Overdue",
    upcoming: "Within {days} days",
    open: "Sign in to Klara and open My work: {link}",
    kinds: {
      acknowledge: "acknowledgement",
      route: "assignment",
      firstContact: "first contact",
      draft: "draft reply",
      reassessment: "reassessment",
      reply: "reply",
    },
  },
};

/**
 * The e-mail: overdue first, then the coming ones, each "reference — what is due: date"; `link` is
 * the absolute address of My work (decision 0025).
 */
export function digestMail(
  locale: Locale,
  items: readonly DigestItem[],
  today: string,
  days: number,
  link = "/work",
): { subject: string; body: string } {
  const w = WORDS[locale] ?? WORDS.en;
  const fill = (s: string) => s.replace("{days}", String(days));
  const line = (i: DigestItem) =>
    `- ${i.reference}: ${w.kinds[i.kind] ?? i.kind}, ${dateInWords(i.dueDate, locale, "UTC")}`;
  const overdue = items.filter((i) => i.overdue);
  const upcoming = items.filter((i) => !i.overdue);
  const sections = [
    ...(overdue.length ? [`${w.overdue}:`, ...overdue.map(line), ""] : []),
    ...(upcoming.length ? [`${fill(w.upcoming)}:`, ...upcoming.map(line), ""] : []),
  ];
  return {
    subject: w.subject.replace("{date}", dateInWords(today, locale, "UTC")),
    body: [fill(w.intro), "", ...sections, w.open.replace("{link}", link), ""].join("\n"),
  };
}
