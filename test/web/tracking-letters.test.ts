/**
 * The citizen's tracking page lists the letters sent to them and shows the reply itself, through the
 * real app on each database: the acknowledgement, the notice of who handles it and the reply with its
 * text; never the note to the school leader nor an internal note; a phone-only complainant's letter is
 * "to be sent by post" with its journalised PDF behind the tracking link only; an anonymous complainant
 * has no letters; the public API names the letters (its own endpoint) and nothing personal; da/nb/en; the page
 * validates with the Nu Html Checker where Java is installed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { markLetterPrinted } from "../../src/app/print-letters.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase } from "../../src/db/case.repository.js";
import { documentsOf } from "../../src/db/document.repository.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import { actorOf } from "../support/fixtures.js";
import { useSeededApp } from "../support/seeded-app.js";
import { schoolComplaint } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";
import { HAS_VNU, vnuBatch } from "../support/vnu-check.js";

/** the pages both dialects rendered, checked in one run of the Nu Html Checker at the end (a JVM start is slow) */
const checked = vnuBatch();

describe.each(DIALECTS)("letters on the tracking page (%s)", (dialect) => {
  const s = useSeededApp(dialect, { country: "DK", procedures: ["dk-school", "no-workplace"] });
  /** the answered case: its token and reference */
  let answered: { token: string; id: string; reference: string };
  let phoneOnly: { token: string; id: string };

  beforeAll(async () => {
    const { receipt } = await submitComplaint(s.deps, schoolComplaint());
    const id = receipt.id;
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "acknowledge", {});
    s.deps.clock.advance({ minutes: 5 });
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "assign", {});
    await runCaseCommand(s.deps, s.org.actors.leaderA, id, "add-note", {
      title: "Intern note",
      body: "Intern: mor er kendt af skolen",
    });
    await runCaseCommand(s.deps, s.org.actors.leaderA, id, "record-contact", {
      channel: "phone",
      at: "2026-03-02T08:30:00.000Z",
      note: "Talked with the mother",
    });
    await runCaseCommand(s.deps, s.org.actors.leaderA, id, "submit-draft", {
      body: "Vi har talt med klassen og lærerne.",
    });
    await runCaseCommand(s.deps, s.org.actors.approver, id, "approve", {});
    s.deps.clock.advance({ minutes: 5 });
    await runCaseCommand(s.deps, s.org.actors.leaderA, id, "send-reply", {
      outcome: "partly_upheld",
      measures: "En ekstra voksen i frikvartererne",
    });
    answered = { token: receipt.trackingToken, id, reference: receipt.reference };

    const phone = await submitComplaint(
      s.deps,
      schoolComplaint({ complainant: { name: "Poul Telefon", phone: "+45 12 34 56 78", anonymous: false } }),
    );
    await runCaseCommand(s.deps, s.org.actors.receiver, phone.receipt.id, "acknowledge", {});
    phoneOnly = { token: phone.receipt.trackingToken, id: phone.receipt.id };
    // the e-mail letters are delivered (captured: no mail server) before the page is read
    await deliverMail(s.deps, { sender: null });
  });

  it("lists the letters sent to the complainant and shows the reply as sent", async () => {
    const res = await s.app.inject({ url: `/complaints/status/${answered.token}` });
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain("<h2>Breve til dig</h2>");
    expect(body).toContain(": Kvitteringsbrev — Sendt pr. e-mail</summary>");
    expect(body).toContain(": Meddelelse om, hvem der behandler klagen — Sendt pr. e-mail</summary>");
    expect(body).toContain(": Svar — Sendt pr. e-mail</summary>");
    // the reply itself: its subject and exact text
    const [reply] = (await outboxFor(s.deps.db.kysely, answered.id)).filter(
      (l) => (l.payload as { template: string }).template === "reply",
    );
    expect(body).toContain('id="reply-');
    expect(body).toContain("Svaret på din klage");
    expect(body).toContain(`Svar på din klage (${answered.reference})`);
    expect(body).toContain("Vi har talt med klassen og lærerne.");
    expect(body).toContain("Vi gør følgende: En ekstra voksen i frikvartererne");
    expect(body).toContain("Folketingets Ombudsmand");
    expect(body).toContain(escapeHtml(reply!.body!.split("\n")[2]!));
  });

  it("shows nothing internal: no note to the school leader, no internal note, no staff journal", async () => {
    const body = (await s.app.inject({ url: `/complaints/status/${answered.token}` })).body;
    const toLeader = (await outboxFor(s.deps.db.kysely, answered.id)).find(
      (l) => (l.payload as { to: string }).to === "handler",
    );
    expect(toLeader?.subject).toContain("Du er sagsbehandler");
    expect(body).not.toContain("Du er sagsbehandler");
    expect(body).not.toContain(s.org.people.leaderA.email ?? "no address");
    expect(body).not.toContain("Intern: mor er kendt af skolen");
    expect(body).not.toContain("Talked with the mother");
  });

  it("says the phone-only complainant's letter goes by post, with its journalised PDF behind the link only", async () => {
    const res = await s.app.inject({ url: `/complaints/status/${phoneOnly.token}?lang=en` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<h2>Letters to you</h2>");
    expect(res.body).toContain(": Acknowledgement of receipt — To be sent by post</summary>");
    const href = /href="(\/complaints\/status\/[^"]+\/pdf)"/.exec(res.body)?.[1];
    expect(href).toBeDefined();
    const pdf = await s.app.inject({ url: href! });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // the very bytes the journal holds (decision 0013)
    const [stored] = await documentsOf(s.deps.db.kysely, phoneOnly.id);
    expect(pdf.rawPayload.byteLength).toBe(stored!.size);

    // the letter by another case's link, an e-mail letter (no PDF made), an unknown token: not found
    const letterId = /letters\/([^/]+)\/pdf/.exec(href!)?.[1];
    expect(
      (await s.app.inject({ url: `/complaints/status/${answered.token}/letters/${letterId}/pdf` }))
        .statusCode,
    ).toBe(404);
    const [ack] = await outboxFor(s.deps.db.kysely, answered.id);
    expect(
      (await s.app.inject({ url: `/complaints/status/${answered.token}/letters/${ack!.id}/pdf` })).statusCode,
    ).toBe(404);
    expect(
      (await s.app.inject({ url: `/complaints/status/no-such-token-0000/letters/${letterId}/pdf` }))
        .statusCode,
    ).toBe(404);
  });

  it("says a letter for print was sent by post once staff mark it posted", async () => {
    const [letter] = await outboxFor(s.deps.db.kysely, phoneOnly.id);
    await markLetterPrinted(s.deps, s.org.actors.receiver, letter!.id);
    const res = await s.app.inject({ url: `/complaints/status/${phoneOnly.token}?lang=en` });
    expect(res.body).toContain(": Acknowledgement of receipt — Sent by post</summary>");
    const api = await s.app.inject({ url: `/api/v1/complaints/status/${phoneOnly.token}/letters` });
    expect((api.json() as { letters: { delivery: string }[] }).letters.map((l) => l.delivery)).toEqual([
      "post_sent",
    ]);
  });

  it("has no letters for an anonymous complainant, in Norwegian too", async () => {
    const { receipt } = await submitComplaint(s.deps, {
      procedure: "no-workplace",
      complainant: { anonymous: true },
      subject: "Trakassering",
      description: "Det skjer hver uke på lageret.",
    } as SubmitComplaintBody);
    // confidential from the start: the handler routing named acknowledges it
    const handlerId = (await findCase(s.deps.db.kysely, receipt.id))!.handlers[0]!.personId;
    const handler = Object.values(s.org.people).find((p) => p.id === handlerId)!;
    await runCaseCommand(s.deps, actorOf(handler), receipt.id, "acknowledge", {});
    const res = await s.app.inject({ url: `/complaints/status/${receipt.trackingToken}?lang=nb` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<h2>Brev til deg</h2>");
    expect(res.body).toContain("Vi har ikke sendt deg noen brev ennå.");
    expect(res.body).not.toContain("Svaret på klagen din");
  });

  it("names the letters in the public API, and nothing personal; the status keeps its contract's fields", async () => {
    const status = await s.app.inject({ url: `/api/v1/complaints/status/${answered.token}` });
    expect(Object.keys(status.json()).sort()).toEqual(["deadlines", "lastUpdatedAt", "reference", "status"]);
    const res = await s.app.inject({ url: `/api/v1/complaints/status/${answered.token}/letters` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    const json = res.json() as {
      reference: string;
      letters: { letter: string; delivery: string; createdAt: string }[];
    };
    expect(json.reference).toBe(answered.reference);
    expect(json.letters.map((l) => [l.letter, l.delivery])).toEqual([
      ["acknowledgement", "email_sent"],
      ["handler_assigned", "email_sent"],
      ["reply", "email_sent"],
    ]);
    expect(res.body).not.toContain("Mette");
    expect(res.body).not.toContain("mette@example.dk");
    const phone = await s.app.inject({ url: `/api/v1/complaints/status/${phoneOnly.token}/letters` });
    expect((phone.json() as typeof json).letters.map((l) => l.delivery)).toEqual([
      expect.stringMatching(/^post_(waiting|sent)$/),
    ]);
    // an unknown token: 404, as the status
    const unknown = await s.app.inject({ url: "/api/v1/complaints/status/kt_unknown_token/letters" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    // documented in the OpenAPI document beside the status
    const doc = (await s.app.inject({ url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, { get?: { tags?: string[] } }>;
    };
    expect(doc.paths["/api/v1/complaints/status/{trackingToken}/letters"]?.get?.tags).toEqual(["public"]);
  });

  it.skipIf(!HAS_VNU)(
    "renders in da, nb and en for the Nu Html Checker",
    async () => {
      const pages = [];
      for (const lang of ["da", "nb", "en"]) {
        for (const [name, token] of [
          ["answered", answered.token],
          ["phone", phoneOnly.token],
        ] as const) {
          const res = await s.app.inject({ url: `/complaints/status/${token}?lang=${lang}` });
          pages.push({ name: `${name}-${lang}-${dialect}`, html: res.body });
        }
      }
      checked.add(...pages);
    },
    60_000,
  );
});

describe("letters on the tracking page", () => {
  checked.itValidates("validates with the Nu Html Checker in da, nb and en", 6 * DIALECTS.length);
});

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
