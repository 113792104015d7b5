/** Example values for a template's preview: what each merge field looks like in a real letter. */
import type { Locale } from "../organisation.js";
import { trackingGuidance } from "./compose-letter.js";
import type { MergeValues } from "./render-template.js";

/** `base`: Klara's public address, so the preview's links look as the letter's will (decision 0025). */
export function sampleMergeValues(language: Locale, organisationName: string, base = ""): MergeValues {
  const words = {
    da: [
      "2. marts 2026",
      "1. april 2026",
      "15. april 2026",
      "vi venter på skolens udtalelse",
      "Klagen får delvist medhold",
    ],
    nb: [
      "2. mars 2026",
      "1. april 2026",
      "15. april 2026",
      "vi venter på skolens uttalelse",
      "Klagen tas delvis til følge",
    ],
    en: [
      "2 March 2026",
      "1 April 2026",
      "15 April 2026",
      "we are waiting for the school's statement",
      "The complaint is partly upheld",
    ],
  }[language];
  return {
    reference: "KLA-2026-000123",
    recipientName: "Mette Mor",
    complainantName: "Mette Mor",
    handlerName: "Sofie Skoleleder",
    unitName: "Skole A",
    organisationName,
    senderName: organisationName,
    receivedDate: words[0],
    replyDueDate: words[1],
    today: words[0],
    subject: "Mobning i 4.b",
    reason: words[3],
    newDueDate: words[2],
    body: "…",
    outcome: words[4],
    measures: "",
    appealGuidance: "",
    appealsBody: "Ankestyrelsen",
    caseLink: `${base}/cases/…`,
    confirmLink: `${base}/complaints/confirm/…`,
    // the token is never shown to staff, here as in the journal (decision 0025)
    trackingLink: `${base}/complaints/status/…`,
    trackingGuidance: trackingGuidance(`${base}/complaints/status/…`, language),
  };
}
