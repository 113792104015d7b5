/**
 * The default letters of SPEC §6 in Danish, Norwegian bokmål and English, as data. A procedure's
 * own template (its `templates` by the same key, e.g. the seed's texts for dk-school) replaces the
 * body; the subject always comes from here.
 */
import type { Locale } from "../organisation.js";

export type Text = Record<Locale, string>;
export interface LetterTemplate {
  subject: Text;
  body: Text;
}

export const LETTER_KEYS = [
  "acknowledgement",
  "handler_assigned",
  "handler_notification",
  "delay_notice",
  "preliminary_reply",
  "reply",
  "forward_to_appeals_board",
  "forwarded_notice",
  "copy_to_citizens_advisor",
  "redirect_guidance",
  "confirm_formal_complaint",
] as const;
export type LetterKey = (typeof LETTER_KEYS)[number];

/** Older names a procedure's templates use for the same letter (the seed's wording). */
export const TEMPLATE_ALIASES: Partial<Record<LetterKey, string>> = {
  handler_assigned: "complainant_notification",
};

const greeting: Text = {
  da: "Kære {{recipientName}}\n\n",
  nb: "Kjære {{recipientName}}\n\n",
  en: "Dear {{recipientName}}\n\n",
};
const closing: Text = {
  da: "\n\nMed venlig hilsen\n{{senderName}}",
  nb: "\n\nMed vennlig hilsen\n{{senderName}}",
  en: "\n\nKind regards\n{{senderName}}",
};
const letter = (body: Text): Text => ({
  da: greeting.da + body.da + closing.da,
  nb: greeting.nb + body.nb + closing.nb,
  en: greeting.en + body.en + closing.en,
});

export const DEFAULT_LETTERS: Record<LetterKey, LetterTemplate> = {
  acknowledgement: {
    subject: {
      da: "Vi har modtaget din klage ({{reference}})",
      nb: "Vi har mottatt klagen din ({{reference}})",
      en: "We have received your complaint ({{reference}})",
    },
    body: letter({
      da:
        "Vi har den {{receivedDate}} modtaget din klage om: {{subject}}. Den er oprettet som sag {{reference}}. " +
        "Du får svar senest {{replyDueDate}}.\n\n{{trackingGuidance}}\n\n" +
        "Skriv venligst sagsnummeret {{reference}}, hvis du henvender dig igen.",
      nb:
        "Vi mottok klagen din om «{{subject}}» {{receivedDate}}. Den er registrert som sak {{reference}}. " +
        "Du får svar senest {{replyDueDate}}.\n\n{{trackingGuidance}}\n\n" +
        "Oppgi saksnummeret {{reference}} hvis du tar kontakt igjen.",
      en:
        "We received your complaint about: {{subject}} on {{receivedDate}}. It has been registered as case " +
        "{{reference}}. You will receive a reply no later than {{replyDueDate}}.\n\n{{trackingGuidance}}\n\n" +
        "Please quote the reference {{reference}} if you contact us again.",
    }),
  },
  handler_assigned: {
    subject: {
      da: "Hvem behandler din klage ({{reference}})",
      nb: "Hvem behandler klagen din ({{reference}})",
      en: "Who handles your complaint ({{reference}})",
    },
    body: letter({
      da: "Din klage (sag {{reference}}) behandles af {{handlerName}}, {{unitName}}. Du får svar senest {{replyDueDate}}.",
      nb: "Klagen din (sak {{reference}}) behandles av {{handlerName}}, {{unitName}}. Du får svar senest {{replyDueDate}}.",
      en: "Your complaint (case {{reference}}) is handled by {{handlerName}}, {{unitName}}. You will receive a reply no later than {{replyDueDate}}.",
    }),
  },
  handler_notification: {
    subject: {
      da: "Du er sagsbehandler på klagesag {{reference}}",
      nb: "Du er saksbehandler for klagesak {{reference}}",
      en: "You handle complaint {{reference}}",
    },
    body: letter({
      da: "Du er sagsbehandler på klagen {{reference}} ({{subject}}). Svaret skal sendes senest {{replyDueDate}}. Sagen: {{caseLink}}",
      nb: "Du er saksbehandler for klagen {{reference}} ({{subject}}). Svaret skal sendes senest {{replyDueDate}}. Saken: {{caseLink}}",
      en: "You handle the complaint {{reference}} ({{subject}}). The reply is due by {{replyDueDate}}. The case: {{caseLink}}",
    }),
  },
  delay_notice: {
    subject: {
      da: "Svaret på din klage bliver forsinket ({{reference}})",
      nb: "Svaret på klagen din blir forsinket ({{reference}})",
      en: "The reply to your complaint is delayed ({{reference}})",
    },
    body: letter({
      da: "Vi kan ikke nå at svare på din klage (sag {{reference}}) inden for fristen, fordi {{reason}}. Du kan forvente svar senest {{newDueDate}}.",
      nb: "Vi rekker ikke å svare på klagen din (sak {{reference}}) innen fristen, fordi {{reason}}. Du kan vente svar senest {{newDueDate}}.",
      en: "We cannot reply to your complaint (case {{reference}}) within the time limit because {{reason}}. You can expect a reply no later than {{newDueDate}}.",
    }),
  },
  preliminary_reply: {
    subject: {
      da: "Foreløbigt svar på din klage ({{reference}})",
      nb: "Foreløpig svar på klagen din ({{reference}})",
      en: "Preliminary reply to your complaint ({{reference}})",
    },
    body: letter({
      da: "Vi kan ikke svare på din klage (sag {{reference}}) inden for en måned, fordi {{reason}}. Vi forventer at svare senest {{newDueDate}}.",
      nb:
        "Vi kan ikke svare på klagen din (sak {{reference}}) innen en måned, fordi {{reason}}. " +
        "Vi regner med å svare senest {{newDueDate}}. (Foreløpig svar etter forvaltningsloven § 11 a.)",
      en: "We cannot reply to your complaint (case {{reference}}) within a month because {{reason}}. We expect to reply by {{newDueDate}}.",
    }),
  },
  reply: {
    subject: {
      da: "Svar på din klage ({{reference}})",
      nb: "Svar på klagen din ({{reference}})",
      en: "Reply to your complaint ({{reference}})",
    },
    body: letter({
      da: "{{body}}\n\nResultat: {{outcome}}.\n\n{{measures}}\n\n{{appealGuidance}}",
      nb: "{{body}}\n\nResultat: {{outcome}}.\n\n{{measures}}\n\n{{appealGuidance}}",
      en: "{{body}}\n\nOutcome: {{outcome}}.\n\n{{measures}}\n\n{{appealGuidance}}",
    }),
  },
  forward_to_appeals_board: {
    subject: {
      da: "Klage videresendt til {{appealsBody}} ({{reference}})",
      nb: "Klage oversendt til {{appealsBody}} ({{reference}})",
      en: "Complaint forwarded to {{appealsBody}} ({{reference}})",
    },
    body: {
      da:
        "Til {{appealsBody}}\n\nVi har genvurderet afgørelsen, som klagen (sag {{reference}}, modtaget {{receivedDate}}) " +
        "handler om, og fastholder den helt eller delvist. Klagen videresendes hermed med sagens akter.\n\n" +
        "Med venlig hilsen\n{{senderName}}",
      nb:
        "Til {{appealsBody}}\n\nVi har vurdert vedtaket som klagen (sak {{reference}}, mottatt {{receivedDate}}) " +
        "gjelder på nytt, og opprettholder det helt eller delvis. Klagen oversendes med sakens dokumenter.\n\n" +
        "Med vennlig hilsen\n{{senderName}}",
      en:
        "To {{appealsBody}}\n\nWe have reassessed the decision the complaint (case {{reference}}, received " +
        "{{receivedDate}}) is about and uphold it wholly or in part. The complaint is forwarded with the case " +
        "file.\n\nKind regards\n{{senderName}}",
    },
  },
  forwarded_notice: {
    subject: {
      da: "Din klage er sendt videre til {{appealsBody}} ({{reference}})",
      nb: "Klagen din er sendt videre til {{appealsBody}} ({{reference}})",
      en: "Your complaint has been forwarded to {{appealsBody}} ({{reference}})",
    },
    body: letter({
      da: "Vi har genvurderet afgørelsen og fastholder den helt eller delvist. Din klage (sag {{reference}}) er derfor sendt videre til {{appealsBody}}, som træffer afgørelse i sagen og skriver til dig.",
      nb: "Vi har vurdert vedtaket på nytt og opprettholder det helt eller delvis. Klagen din (sak {{reference}}) er derfor sendt videre til {{appealsBody}}, som avgjør saken og skriver til deg.",
      en: "We have reassessed the decision and uphold it wholly or in part. Your complaint (case {{reference}}) has therefore been forwarded to {{appealsBody}}, which will decide and write to you.",
    }),
  },
  copy_to_citizens_advisor: {
    subject: {
      da: "Kopi af svar på klage {{reference}}",
      nb: "Kopi av svar på klage {{reference}}",
      en: "Copy of the reply to complaint {{reference}}",
    },
    body: {
      da: "Til Borgerrådgiveren\n\nTil orientering sendes kopi af vores svar på klagen (sag {{reference}}), som du har videresendt.\n\n{{body}}\n\nMed venlig hilsen\n{{senderName}}",
      nb: "Til borgerrådgiveren\n\nTil orientering sendes kopi av vårt svar på klagen (sak {{reference}}) som du sendte videre.\n\n{{body}}\n\nMed vennlig hilsen\n{{senderName}}",
      en: "To the citizens' advisor\n\nFor your information, a copy of our reply to the complaint (case {{reference}}) you forwarded to us.\n\n{{body}}\n\nKind regards\n{{senderName}}",
    },
  },
  redirect_guidance: {
    subject: {
      da: "Hvor du kan klage over afgørelsen ({{reference}})",
      nb: "Hvor du kan klage på vedtaket ({{reference}})",
      en: "Where to complain about the decision ({{reference}})",
    },
    body: letter({
      da: "Din klage (sag {{reference}}) handler om en afgørelse. Vi er ikke klageinstans for afgørelser, men du kan klage til {{appealsBody}}.\n\n{{body}}",
      nb: "Klagen din (sak {{reference}}) gjelder et vedtak. Vi er ikke klageinstans for vedtak, men du kan klage til {{appealsBody}}.\n\n{{body}}",
      en: "Your complaint (case {{reference}}) is about a decision. We are not the appeal body for decisions, but you can complain to {{appealsBody}}.\n\n{{body}}",
    }),
  },
  confirm_formal_complaint: {
    subject: {
      da: "Skal din henvendelse behandles som en klage? ({{reference}})",
      nb: "Skal henvendelsen din behandles som en klage? ({{reference}})",
      en: "Should your inquiry be handled as a complaint? ({{reference}})",
    },
    body: letter({
      da: "Du har været i kontakt med {{unitName}}. Vil du have, at din henvendelse behandles som en formel klage? Bekræft det her: {{confirmLink}}",
      nb: "Du har vært i kontakt med {{unitName}}. Vil du at henvendelsen din skal behandles som en formell klage? Bekreft det her: {{confirmLink}}",
      en: "You have been in contact with {{unitName}}. Do you want your inquiry handled as a formal complaint? Please confirm here: {{confirmLink}}",
    }),
  },
};
