/**
 * Journal events (decision 0019): every code's English title is the wording the engine always
 * stored, an older title reads back into the same event, every code is said in da/nb/en from its
 * parameters, and the hash chain covers the event of new entries while old entries hash as before.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "../../src/domain/calendar.js";
import { computeDueDate } from "../../src/domain/deadline.js";
import { appendEntries, entryHash, verifyChain } from "../../src/domain/journal.js";
import {
  EVENT_CODES,
  type EventParams,
  eventTitle,
  type JournalEvent,
  type JournalEventCode,
  titled,
} from "../../src/domain/journal-events.js";
import { type Language, translator } from "../../src/web/i18n/messages.js";
import { eventOfTitle, journalTitle, sayEvent } from "../../src/web/journal-text.js";

const dk = new WorkingDayCalendar({ country: "DK", closingDays: [] });
const { reckoning } = computeDueDate(
  { start: "2026-04-01", length: 5, unit: "working_days", nonWorkingDay: "next" },
  dk,
);

/** One event of every code, with the title the engine wrote for it before events were kept. */
const SAMPLES: { [C in JournalEventCode]: [EventParams[C], string] } = {
  received: [{ channel: "email" }, "Complaint received (email)"],
  acknowledged: [{}, "Complaint acknowledged"],
  status: [{ from: "received", to: "acknowledged" }, "Status: received → acknowledged"],
  deadline_set: [{ kind: "reply", dueDate: "2026-04-13", reckoning }, "Deadline set: reply 2026-04-13"],
  deadline_moved: [
    { kind: "reply", from: "2026-04-01", to: "2026-04-08" },
    "Deadline set: reply 2026-04-01 → 2026-04-08",
  ],
  delay: [
    { kind: "reply", from: "2026-04-01", to: "2026-04-15" },
    "Delay notice: reply 2026-04-01 → 2026-04-15",
  ],
  deadline_met: [{ kind: "acknowledge" }, "Deadline met: acknowledge"],
  deadline_missed: [
    { kind: "acknowledge", dueDate: "2026-03-05" },
    "Deadline missed: acknowledge (due 2026-03-05)",
  ],
  letter: [{ template: "delay_notice" }, "Letter queued: delay_notice"],
  copy_to_advisor: [{}, "Letter queued: copy to the citizens' advisor"],
  letter_failed: [{}, "Letter not delivered"],
  letter_posted: [{}, "Letter printed and posted"],
  assigned: [{}, "Handlers assigned"],
  classified: [{}, "Classified"],
  corrected: [{}, "Corrected"],
  backdated: [{}, "Receipt back-dated"],
  late: [{}, "Received after the complaint window"],
  awaiting_confirmation: [{}, "Awaiting confirmation that this is a formal complaint"],
  confirmed: [{}, "The complainant confirmed a formal complaint"],
  not_a_complaint: [{}, "Not a formal complaint"],
  withdrawn: [{}, "Complaint withdrawn"],
  reopened: [{}, "Reopened: the complainant is not satisfied"],
  previous_reply: [{}, "Previous reply"],
  information: [{}, "Information from the complainant"],
  attachments: [{}, "Attachments from the complainant"],
  poa_from_representative: [{}, "Power of attorney from the representative"],
  poa_received: [{}, "Power of attorney received"],
  draft: [{}, "Draft reply"],
  combined_draft: [{}, "Combined reply drafted"],
  draft_part: [{ part: "the teaching" }, "Part of the reply: the teaching"],
  approved: [{ stage: "Skoleleder" }, "Draft approved: Skoleleder"],
  returned: [{}, "Draft returned"],
  reply: [{ outcome: "partly_upheld", informal: true }, "Reply sent: partly_upheld (resolved informally)"],
  answered_with_lead: [
    { reference: "KLA-2026-000001", outcome: "upheld" },
    "Answered with the lead case KLA-2026-000001: upheld",
  ],
  contact: [
    { channel: "phone", at: "2026-03-02T09:00:00.000Z" },
    "Contact by phone at 2026-03-02T09:00:00.000Z",
  ],
  linked_from: [{ reference: null, lead: true }, "Linked from a confidential case (this case is the lead)"],
  linked: [
    { reference: "KLA-2026-000001", how: "together" },
    "Linked to KLA-2026-000001 (answered together)",
  ],
  task_done: [{ task: "a_contact" }, "Task done: a_contact"],
  task_waived: [{ task: "b_gather" }, "Task waived: b_gather"],
  reassessment: [{ result: "changed" }, "Reassessment: changed"],
  new_decision_rest: [
    { body: "Ankestyrelsen" },
    "New decision sent to the citizen; the rest goes to Ankestyrelsen",
  ],
  forwarded: [
    { body: "Ankestyrelsen", rest: true },
    "Forwarded to Ankestyrelsen: the part of the decision upheld",
  ],
  guided_to_appeal_body: [{ body: "Ankestyrelsen", names: {} }, "Guided to the appeal body: Ankestyrelsen"],
  appeals_decision: [{ result: "remitted", date: "2026-05-01" }, "Appeals board: remitted (2026-05-01)"],
  legal_review_requested: [{}, "Legal validation requested"],
  legal_review: [{ finding: "issues" }, "Legal validation: issues found"],
  confidentiality: [{ from: "normal", to: "personnel" }, "Confidentiality: normal → personnel"],
  handler_link_sent: [{}, "Personal link sent to an external handler"],
  external_handler_reply: [{}, "Reply or notes from the external handler"],
  complaint_by_email: [{}, "The complaint by e-mail"],
  email_received: [{}, "E-mail received on the case"],
  letter_bounced: [{}, "Letter bounced"],
  letter_digital_post: [{}, "Letter sent by Digital Post"],
  documents_attached: [{ by: "Lise Leder" }, "Documents attached by Lise Leder"],
};

const samples = (Object.entries(SAMPLES) as [JournalEventCode, [never, string]][]).map(
  ([code, [params, title]]) => ({ event: { code, params } as JournalEvent, title }),
);
const t = { da: translator("da"), nb: translator("nb"), en: translator("en") };

describe("journal events", () => {
  it("has a sample for every code the domain knows", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...EVENT_CODES].sort());
  });

  it.each(samples)("$title: the English title is the wording always stored", ({ event, title }) => {
    expect(eventTitle(event)).toBe(title);
    expect(titled(event.code as "reply", event.params as EventParams["reply"])).toEqual({ title, event });
  });

  it.each(samples)("$title: an entry without an event reads back into the same event", ({ event, title }) => {
    // the text holds neither how a deadline was computed nor the appeal body's other names
    const readable =
      event.code === "deadline_set" ? { ...event, params: { ...event.params, reckoning: null } } : event;
    expect(eventOfTitle(title)).toEqual(readable);
  });

  it.each(samples)("$title: is said the same from its event as from its title", ({ event, title }) => {
    for (const lang of ["da", "nb", "en"] as const) {
      expect(journalTitle(title, t[lang], {}, event)).toBe(journalTitle(title, t[lang]));
    }
  });

  it("says every code in Danish, Norwegian and English from its parameters", () => {
    const said = (lang: Language) =>
      Object.fromEntries(samples.map(({ event }) => [event.code, sayEvent(event, t[lang])]));
    const da = said("da");
    const nb = said("nb");
    const en = said("en");
    for (const text of [...Object.values(da), ...Object.values(nb), ...Object.values(en)]) {
      expect(text).not.toMatch(/[{}]|^journal\./);
    }
    // no Danish or Norwegian title is the English one, but for the names and codes it carries
    const english = new Map(samples.map((s) => [s.event.code, s.title]));
    expect(
      Object.entries(da).filter(([code, text]) => text === english.get(code as JournalEventCode)),
    ).toEqual([]);
    expect(
      Object.entries(nb).filter(([code, text]) => text === english.get(code as JournalEventCode)),
    ).toEqual([]);
    expect(da).toMatchInlineSnapshot(`
      {
        "acknowledged": "Modtagelsen er kvitteret",
        "answered_with_lead": "Besvaret med hovedsagen KLA-2026-000001: Medhold",
        "appeals_decision": "Klageinstansen: Hjemvist (2026-05-01)",
        "approved": "Udkast godkendt: Skoleleder",
        "assigned": "Sagsbehandlere fordelt",
        "attachments": "Bilag fra klager",
        "awaiting_confirmation": "Afventer bekræftelse af, at det er en formel klage",
        "backdated": "Modtagelsesdato tilbagedateret",
        "classified": "Klassificeret",
        "combined_draft": "Samlet svar udarbejdet",
        "complaint_by_email": "Klagen pr. e-mail",
        "confidentiality": "Fortrolighed: Almindelig → Personalesag",
        "confirmed": "Klager har bekræftet en formel klage",
        "contact": "Kontakt via Telefon, 2026-03-02T09:00:00.000Z",
        "copy_to_advisor": "Brev lagt i kø: kopi til borgerrådgiveren",
        "corrected": "Oplysninger rettet",
        "deadline_met": "Frist overholdt: Kvittering for modtagelse",
        "deadline_missed": "Frist overskredet: Kvittering for modtagelse (2026-03-05)",
        "deadline_moved": "Frist sat: Svar på klagen 2026-04-01 → 2026-04-08",
        "deadline_set": "Frist sat: Svar på klagen 2026-04-13",
        "delay": "Underretning om forsinkelse: Svar på klagen 2026-04-01 → 2026-04-15",
        "documents_attached": "Dokumenter vedhæftet af Lise Leder",
        "draft": "Udkast til svar",
        "draft_part": "Del af svaret: the teaching",
        "email_received": "E-mail modtaget på sagen",
        "external_handler_reply": "Svar eller noter fra den eksterne sagsbehandler",
        "forwarded": "Sendt videre til Ankestyrelsen: den fastholdte del af afgørelsen",
        "guided_to_appeal_body": "Vejledt om klageinstans: Ankestyrelsen",
        "handler_link_sent": "Personligt link sendt til en ekstern sagsbehandler",
        "information": "Oplysninger fra klager",
        "late": "Modtaget efter klagefristen",
        "legal_review": "Juridisk validering: der er problemer",
        "legal_review_requested": "Juridisk validering anmodet",
        "letter": "Brev lagt i kø: underretning om forsinkelse",
        "letter_bounced": "Brevet kom retur",
        "letter_digital_post": "Brev sendt med Digital Post",
        "letter_failed": "Brevet kunne ikke leveres",
        "letter_posted": "Brevet er printet og sendt med posten",
        "linked": "Knyttet til KLA-2026-000001 (besvares samlet med denne sag)",
        "linked_from": "Knyttet hertil fra en fortrolig sag (denne sag besvarer begge)",
        "new_decision_rest": "Ny afgørelse sendt til borgeren; resten sendes til Ankestyrelsen",
        "not_a_complaint": "Ikke en formel klage",
        "poa_from_representative": "Fuldmagt fra repræsentanten",
        "poa_received": "Fuldmagt modtaget",
        "previous_reply": "Tidligere svar",
        "reassessment": "Genvurdering: Afgørelsen ændres",
        "received": "Klage modtaget (E-mail)",
        "reopened": "Genåbnet: klager er ikke tilfreds",
        "reply": "Svar sendt: Delvis medhold (løst uformelt)",
        "returned": "Udkast sendt retur",
        "status": "Status: Modtaget → Kvitteret",
        "task_done": "Opgave udført: a_contact",
        "task_waived": "Opgave undladt: b_gather",
        "withdrawn": "Klagen er trukket tilbage",
      }
    `);
    expect(nb).toMatchInlineSnapshot(`
      {
        "acknowledged": "Mottaket er kvittert",
        "answered_with_lead": "Besvart med hovedsaken KLA-2026-000001: Medhold",
        "appeals_decision": "Klageinstansen: Sendt tilbake for ny behandling (2026-05-01)",
        "approved": "Utkast godkjent: Skoleleder",
        "assigned": "Saksbehandlere fordelt",
        "attachments": "Vedlegg fra klager",
        "awaiting_confirmation": "Venter på bekreftelse av at det er en formell klage",
        "backdated": "Mottaksdato tilbakedatert",
        "classified": "Klassifisert",
        "combined_draft": "Samlet svar utarbeidet",
        "complaint_by_email": "Klagen per e-post",
        "confidentiality": "Fortrolighet: Vanlig → Personalsak",
        "confirmed": "Klager har bekreftet en formell klage",
        "contact": "Kontakt via Telefon, 2026-03-02T09:00:00.000Z",
        "copy_to_advisor": "Brev lagt i kø: kopi til borgerrådgiveren",
        "corrected": "Opplysninger rettet",
        "deadline_met": "Frist overholdt: Kvittering for mottak",
        "deadline_missed": "Frist overskredet: Kvittering for mottak (2026-03-05)",
        "deadline_moved": "Frist satt: Svar på klagen 2026-04-01 → 2026-04-08",
        "deadline_set": "Frist satt: Svar på klagen 2026-04-13",
        "delay": "Varsel om forsinkelse: Svar på klagen 2026-04-01 → 2026-04-15",
        "documents_attached": "Dokumenter lagt ved av Lise Leder",
        "draft": "Utkast til svar",
        "draft_part": "Del av svaret: the teaching",
        "email_received": "E-post mottatt på saken",
        "external_handler_reply": "Svar eller notater fra den eksterne saksbehandleren",
        "forwarded": "Oversendt til Ankestyrelsen: den opprettholdte delen av vedtaket",
        "guided_to_appeal_body": "Veiledet om klageinstans: Ankestyrelsen",
        "handler_link_sent": "Personlig lenke sendt til en ekstern saksbehandler",
        "information": "Opplysninger fra klager",
        "late": "Mottatt etter klagefristen",
        "legal_review": "Juridisk validering: det er problemer",
        "legal_review_requested": "Juridisk validering bedt om",
        "letter": "Brev lagt i kø: varsel om forsinkelse",
        "letter_bounced": "Brevet kom i retur",
        "letter_digital_post": "Brev sendt med digital post",
        "letter_failed": "Brevet kunne ikke leveres",
        "letter_posted": "Brevet er skrevet ut og sendt i posten",
        "linked": "Knyttet til KLA-2026-000001 (besvares samlet med denne saken)",
        "linked_from": "Knyttet hit fra en fortrolig sak (denne saken besvarer begge)",
        "new_decision_rest": "Nytt vedtak sendt til innbyggeren; resten sendes til Ankestyrelsen",
        "not_a_complaint": "Ikke en formell klage",
        "poa_from_representative": "Fullmakt fra fullmektigen",
        "poa_received": "Fullmakt mottatt",
        "previous_reply": "Tidligere svar",
        "reassessment": "Ny vurdering: Vedtaket endres",
        "received": "Klage mottatt (E-post)",
        "reopened": "Gjenåpnet: klager er ikke fornøyd",
        "reply": "Svar sendt: Delvis medhold (løst uformelt)",
        "returned": "Utkast sendt tilbake",
        "status": "Status: Mottatt → Kvittert",
        "task_done": "Oppgave utført: a_contact",
        "task_waived": "Oppgave unnlatt: b_gather",
        "withdrawn": "Klagen er trukket tilbake",
      }
    `);
    expect(en).toMatchInlineSnapshot(`
      {
        "acknowledged": "Complaint acknowledged",
        "answered_with_lead": "Answered with the lead case KLA-2026-000001: Upheld",
        "appeals_decision": "Appeals board: Sent back for a new decision (2026-05-01)",
        "approved": "Draft approved: Skoleleder",
        "assigned": "Handlers assigned",
        "attachments": "Attachments from the complainant",
        "awaiting_confirmation": "Awaiting confirmation that this is a formal complaint",
        "backdated": "Receipt back-dated",
        "classified": "Classified",
        "combined_draft": "Combined reply drafted",
        "complaint_by_email": "The complaint by e-mail",
        "confidentiality": "Confidentiality: Normal → Personnel case",
        "confirmed": "The complainant confirmed a formal complaint",
        "contact": "Contact by Phone, 2026-03-02T09:00:00.000Z",
        "copy_to_advisor": "Letter queued: copy to the citizens' advisor",
        "corrected": "Facts corrected",
        "deadline_met": "Deadline met: Acknowledgement of receipt",
        "deadline_missed": "Deadline missed: Acknowledgement of receipt (2026-03-05)",
        "deadline_moved": "Deadline set: Reply to the complaint 2026-04-01 → 2026-04-08",
        "deadline_set": "Deadline set: Reply to the complaint 2026-04-13",
        "delay": "Delay notice: Reply to the complaint 2026-04-01 → 2026-04-15",
        "documents_attached": "Documents attached by Lise Leder",
        "draft": "Draft reply",
        "draft_part": "Part of the reply: the teaching",
        "email_received": "E-mail received on the case",
        "external_handler_reply": "Reply or notes from the external handler",
        "forwarded": "Forwarded to Ankestyrelsen: the part of the decision upheld",
        "guided_to_appeal_body": "Guided to the appeal body: Ankestyrelsen",
        "handler_link_sent": "Personal link sent to an external handler",
        "information": "Information from the complainant",
        "late": "Received after the time limit for complaining",
        "legal_review": "Legal validation: issues found",
        "legal_review_requested": "Legal validation requested",
        "letter": "Letter queued: delay notice",
        "letter_bounced": "Letter bounced",
        "letter_digital_post": "Letter sent by Digital Post",
        "letter_failed": "The letter could not be delivered",
        "letter_posted": "The letter was printed and posted",
        "linked": "Linked to KLA-2026-000001 (answered together with this case)",
        "linked_from": "Linked from a confidential case (this case answers both)",
        "new_decision_rest": "New decision sent to the citizen; the rest goes to Ankestyrelsen",
        "not_a_complaint": "Not a formal complaint",
        "poa_from_representative": "Power of attorney from the representative",
        "poa_received": "Power of attorney received",
        "previous_reply": "Previous reply",
        "reassessment": "Reassessment: The decision is changed",
        "received": "Complaint received (Email)",
        "reopened": "Reopened: the complainant is not satisfied",
        "reply": "Reply sent: Partly upheld (resolved informally)",
        "returned": "Draft returned",
        "status": "Status: Received → Acknowledged",
        "task_done": "Task done: a_contact",
        "task_waived": "Task left out: b_gather",
        "withdrawn": "Complaint withdrawn",
      }
    `);
  });

  it("uses the page's helpers: dates, instants, task names, the appeal body in the reader's language", () => {
    const day = (d: string) => `[${d}]`;
    expect(
      sayEvent(titled("delay", { kind: "reply", from: "2026-04-01", to: "2026-04-15" }).event, t.da, { day }),
    ).toBe("Underretning om forsinkelse: Svar på klagen [2026-04-01] → [2026-04-15]");
    expect(
      sayEvent(titled("contact", { channel: "phone", at: "2026-03-02T09:00:00Z" }).event, t.nb, {
        moment: () => "2. mars kl. 10.00",
      }),
    ).toMatch(/2\. mars kl\. 10\.00$/);
    expect(sayEvent(titled("task_done", { task: "a_contact" }).event, t.da, { task: (k) => `<${k}>` })).toBe(
      "Opgave udført: <a_contact>",
    );
    const guided = titled("guided_to_appeal_body", {
      body: "Ankestyrelsen",
      names: { da: "Ankestyrelsen", en: "the National Social Appeals Board" },
    });
    expect(guided.title).toBe("Guided to the appeal body: Ankestyrelsen");
    expect(journalTitle(guided.title, t.en, { lang: "en" }, guided.event)).toBe(
      "Guided to the appeal body: the National Social Appeals Board",
    );
    expect(journalTitle(guided.title, t.nb, { lang: "nb" }, guided.event)).toMatch(/Ankestyrelsen$/);
  });

  it("shows an unknown code, or a title no pattern knows, as stored", () => {
    const future = { code: "something_new", params: {} } as unknown as JournalEvent;
    expect(journalTitle("Something new", t.da, {}, future)).toBe("Something new");
    expect(journalTitle("Venter på PPR", t.da)).toBe("Venter på PPR");
    expect(eventOfTitle("Venter på PPR")).toBeNull();
  });
});

describe("the hash chain with events", () => {
  const actor = { id: "p1", name: "Ane Modtager" };
  const at = "2026-03-02T09:00:00.000Z";
  const old = [
    { kind: "document_in", title: "Complaint received (web)", body: "Mobning" },
    { kind: "state_change", title: "Status: received → acknowledged", body: "" },
  ];
  const withEvents = [
    {
      kind: "deadline",
      ...titled("deadline_set", { kind: "reply", dueDate: "2026-04-13", reckoning }),
      body: "…",
    },
    { kind: "reply", ...titled("reply", { outcome: "upheld", informal: false }), body: "Svar" },
  ];

  it("hashes an entry without an event exactly as entries were hashed before events were kept", () => {
    const [e] = appendEntries("c1", null, old.slice(0, 1), at, actor);
    const before = JSON.stringify([
      "c1",
      1,
      at,
      "p1",
      "Ane Modtager",
      "document_in",
      "Complaint received (web)",
      "Mobning",
      "0".repeat(64),
    ]);
    expect(e!.event).toBeNull();
    expect(e!.hash).toBe(createHash("sha256").update(before).digest("hex"));
  });

  it("verifies a chain of old entries continued by entries with events", () => {
    const first = appendEntries("c1", null, old, at, actor);
    const more = appendEntries("c1", first[1]!, withEvents, at, actor);
    expect(more.map((e) => e.event?.code)).toEqual(["deadline_set", "reply"]);
    expect(verifyChain("c1", [...first, ...more])).toEqual({ ok: true, entries: 4 });
  });

  it("covers the event: changed parameters or a removed event break the chain there", () => {
    const entries = appendEntries("c1", null, [...old, ...withEvents], at, actor);
    const changed = structuredClone(entries);
    (changed[3]!.event!.params as { outcome: string }).outcome = "not_upheld";
    expect(verifyChain("c1", changed)).toEqual({ ok: false, seq: 4, reason: "entry was altered" });
    const skipped = structuredClone(entries);
    const params = skipped[2]!.event!.params as EventParams["deadline_set"];
    params.reckoning!.skipped = params.reckoning!.skipped.slice(1);
    expect(verifyChain("c1", skipped)).toEqual({ ok: false, seq: 3, reason: "entry was altered" });
    const removed = structuredClone(entries);
    removed[3]!.event = null;
    expect(verifyChain("c1", removed)).toEqual({ ok: false, seq: 4, reason: "entry was altered" });
  });

  it("does not depend on the order an event's keys were stored in", () => {
    const [e] = appendEntries("c1", null, withEvents.slice(0, 1), at, actor);
    const p = e!.event!.params as EventParams["deadline_set"];
    const reordered = {
      ...e!,
      event: { params: { reckoning: p.reckoning, dueDate: p.dueDate, kind: p.kind }, code: "deadline_set" },
    };
    expect(entryHash("c1", reordered as typeof e & object)).toBe(e!.hash);
  });
});
