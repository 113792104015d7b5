/**
 * Telling people: each notification is a row in Klara (the person's list) and, unless the person
 * chose otherwise, an e-mail through the outbox (decision 0010), both in the transaction of
 * the change that causes them. The e-mail names only what happened and the case's reference, never
 * the notification's free text (a return reason is case content; e-mail leaves Klara); the person
 * reads the rest in Klara after signing in (decision 0014).
 */

import { emailOptedOut } from "../db/notification.repository.js";
import { loadDirectory } from "../db/organisation.repository.js";
import { enqueue, insertNotifications, type OutboxMessage } from "../db/outbox.repository.js";
import type { Locale, Organisation } from "../domain/organisation.js";
import { type AppDeps, publicLink, type Tx } from "./context.js";

export interface NotificationToSend {
  personId: string;
  caseId: string | null;
  /** the case's reference, for the e-mail's subject */
  reference?: string;
  kind: string;
  message: string;
}

type Words = Record<string, string> & { other: string; subject: string; open: string };

/** What happened, by kind, in the organisation's language. */
const WORDS: Record<Locale, Words> = {
  da: {
    subject: "Klara: {what}",
    open: "Log ind i Klara og åbn dine notifikationer: {link}",
    assigned: "Du skal behandle en klage",
    returned: "Dit udkast er sendt retur",
    approval_requested: "Et udkast venter på din godkendelse",
    deadline_reminder: "En frist nærmer sig",
    deadline_missed: "En frist er overskredet",
    new_complaint: "Ny klage",
    part_ready: "En del af svaret er klar",
    citizen_information: "Klageren har sendt nye oplysninger",
    handler_link_reply: "Sagsbehandleren har sendt svar eller noter via sit link",
    complaint_confirmed: "Klageren har bekræftet en formel klage",
    mail_received: "En e-mail er kommet på en sag",
    mail_quarantined: "En e-mail er sat i karantæne",
    letter_failed: "Et brev kunne ikke leveres",
    mailbox_failed: "Klagepostkassen kan ikke læses",
    other: "Ny notifikation",
  },
  nb: {
    subject: "Klara: {what}",
    open: "Logg inn i Klara og åpne varslene dine: {link}",
    assigned: "Du skal behandle en klage",
    returned: "Utkastet ditt er sendt tilbake",
    approval_requested: "Et utkast venter på din godkjenning",
    deadline_reminder: "En frist nærmer seg",
    deadline_missed: "En frist er oversittet",
    new_complaint: "Ny klage",
    part_ready: "En del av svaret er klar",
    citizen_information: "Klageren har sendt nye opplysninger",
    handler_link_reply: "Saksbehandleren har sendt svar eller notater via lenken sin",
    complaint_confirmed: "Klageren har bekreftet en formell klage",
    mail_received: "En e-post har kommet på en sak",
    mail_quarantined: "En e-post er satt i karantene",
    letter_failed: "Et brev kunne ikke leveres",
    mailbox_failed: "Klagepostkassen kan ikke leses",
    other: "Nytt varsel",
  },
  en: {
    subject: "Klara: {what}",
    open: "Sign in to Klara and open your notifications: {link}",
    assigned: "You handle a complaint",
    returned: "Your draft was returned",
    approval_requested: "A draft awaits your approval",
    deadline_reminder: "A deadline is coming up",
    deadline_missed: "A deadline was missed",
    new_complaint: "New complaint",
    part_ready: "A part of the reply is ready",
    citizen_information: "The complainant sent more information",
    handler_link_reply: "The handler sent a reply or notes through their link",
    complaint_confirmed: "The complainant confirmed a formal complaint",
    mail_received: "An e-mail arrived on a case",
    mail_quarantined: "An e-mail was quarantined",
    letter_failed: "A letter could not be delivered",
    mailbox_failed: "The complaint mailbox cannot be read",
    other: "New notification",
  },
};

/**
 * The e-mail's subject and text: what happened and the reference, nothing of the case's content.
 * `link` is the absolute address of the notifications list (decision 0025).
 */
export function notificationMail(
  locale: Locale,
  kind: string,
  reference: string | undefined,
  link = "/notifications",
) {
  const w = WORDS[locale] ?? WORDS.en;
  const what = `${w[kind] ?? w.other}${reference ? ` (${reference})` : ""}`;
  return {
    subject: w.subject.replace("{what}", what),
    body: `${what}.\n\n${w.open.replace("{link}", link)}\n`,
  };
}

export async function sendNotifications(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  items: readonly NotificationToSend[],
  at: string,
): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map((n) => ({ ...n, id: deps.newId(), organisationId: org.id, createdAt: at }));
  await insertNotifications(tx, rows);
  const optedOut = await emailOptedOut(
    tx,
    rows.map((r) => r.personId),
  );
  const directory = await loadDirectory(tx, org.id);
  const mails: OutboxMessage[] = [];
  for (const n of rows) {
    const person = directory?.people.get(n.personId);
    if (!person?.email || optedOut.has(n.personId) || person.active === false) continue;
    const text = notificationMail(org.locale, n.kind, n.reference, publicLink(deps, "/notifications"));
    mails.push({
      id: deps.newId(),
      organisationId: org.id,
      // not one of the case's letters: the case page and the citizen's list show letters only
      caseId: null,
      kind: "notification",
      payload: { notificationId: n.id, kind: n.kind, reference: n.reference ?? "" },
      createdAt: at,
      letter: {
        state: "queued",
        channel: "email",
        recipientName: person.name,
        recipientAddress: person.email,
        subject: text.subject,
        body: text.body,
        language: org.locale,
      },
    });
  }
  await enqueue(tx, mails);
}
