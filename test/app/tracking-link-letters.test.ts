/**
 * The citizen's tracking link in their letters (decision 0025), once per dialect. A complaint sent
 * through the public API, then acknowledged by staff: the e-mail delivered to a real SMTP server
 * carries https://klage.example/complaints/status/<token>, which opens the case's tracking page (so
 * too for a complaint staff registered from a phone call, and for the representative); the
 * journal's copy and the PDF staff read have the token cut out; a letter for print carries it in its
 * PDF. A case stored before the token was kept (migration T34) is acknowledged without the sentence;
 * `keys rotate` seals the kept tokens again and the link still works with only the new key.
 */
import { randomBytes } from "node:crypto";
import type { ParsedMail } from "mailparser";
import { describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/context.js";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { withoutLinkTokens } from "../../src/app/handler-link-tokens.js";
import { readLetterPdf } from "../../src/app/letter-pdf-documents.js";
import { previewLetterTemplate } from "../../src/app/letter-templates.js";
import { rotateKeys } from "../../src/app/national-id-keys.js";
import { registerCase } from "../../src/app/register-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { RegisterCaseBody, type SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { journalOf } from "../../src/db/case.repository.js";
import { openDatabase } from "../../src/db/create-db.js";
import { documentContent, documentsOf } from "../../src/db/document.repository.js";
import { createKeyring, keyIdOf } from "../../src/db/national-id-cipher.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import { composeLetter } from "../../src/domain/letters/compose-letter.js";
import { smtpSender } from "../../src/jobs/smtp-sender.js";
import { parsePdf } from "../letters/pdf-support.js";
import { useSeededMailApp } from "../support/seeded-app.js";
import { schoolComplaint } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z";
const BASE = "https://klage.example";
const FROM = '"Test Kommune" <klager@kommune.example>';
const LINK = new RegExp(`${BASE.replaceAll(".", "\\.")}(/complaints/status/[A-Za-z0-9_-]+)`);

describe("the tracking link's token and who gets it", () => {
  it("is cut out of the journal's copy, the address kept", () => {
    expect(withoutLinkTokens(`Følg din klage her: ${BASE}/complaints/status/kt_Ab-9_x.\nMvh`)).toBe(
      `Følg din klage her: ${BASE}/complaints/status/….\nMvh`,
    );
  });

  it("reaches only a letter to the complainant's side; without it the sentence and its line are gone", () => {
    const c = {
      reference: "KLA-2026-000001",
      complainant: { name: "Mette", email: "m@example.dk", phone: null, address: null, nationalId: null },
      representative: null,
      handlers: [],
      unitId: null,
      deadlines: [],
      receivedAt: START,
      updatedAt: START,
      subject: "Mobning",
      outcome: null,
      measures: null,
      appealRoute: null,
    } as unknown as Parameters<typeof composeLetter>[0];
    const setting = {
      organisation: {
        name: "Kommune",
        locale: "da" as const,
        timeZone: "Europe/Copenhagen",
        country: "DK" as const,
      },
      procedure: { templates: {}, country: "DK" as const },
    };
    const link = `${BASE}/complaints/status/kt_x`;
    const ack = composeLetter(
      c,
      { template: "acknowledgement", to: "complainant", fields: { trackingLink: link } },
      setting,
    );
    expect(ack.body).toContain(`Følg din klage her: ${link}`);
    const staff = composeLetter(
      c,
      { template: "handler_notification", to: "handler", fields: { trackingLink: link } },
      {
        ...setting,
        procedure: { templates: { handler_notification: { da: "Se {{trackingLink}}." } }, country: "DK" },
      },
    );
    expect(staff.body).toBe("Se .");
    const none = composeLetter(c, { template: "acknowledgement", to: "complainant", fields: {} }, setting);
    expect(none.body).not.toContain("Følg");
    expect(none.body).not.toMatch(/\n\n\n/);
    expect(none.body).toMatch(/Du får svar senest \.\n\nSkriv venligst/);
  });
});

describe.each(DIALECTS)("the tracking link in the citizen's letters (%s)", (dialect) => {
  const s = useSeededMailApp(dialect, { country: "DK" }, START, BASE);

  const deliver = async (deps: AppDeps = s.deps) => {
    const sender = smtpSender(s.smtp.url);
    try {
      await deliverMail(deps, { sender, from: FROM });
    } finally {
      sender.close();
    }
  };
  const mailTo = (address: string): ParsedMail[] =>
    s.smtp.received.filter((m) => JSON.stringify(m.to).includes(address));

  /** A complaint through the public API, as a citizen's browser or app sends it. */
  async function submittedOnTheWeb(subject: string, email: string) {
    const res = await s.app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: schoolComplaint({
        subject,
        complainant: { name: "Mette Mor", email, anonymous: false },
      }),
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; reference: string; trackingToken: string };
  }

  const acknowledge = (id: string, deps: AppDeps = s.deps) =>
    runCaseCommand(deps, s.org.actors.receiver, id, "acknowledge", {});

  it("e-mails the acknowledgement with an absolute link that opens the case's tracking page; the journal has no token", async () => {
    const receipt = await submittedOnTheWeb("Mobning i 4.b", "mette@example.dk");
    // kept sealed at rest, never in plaintext
    const row = await s.t.db.kysely
      .selectFrom("cases")
      .select(["tracking_token_sealed"])
      .where("id", "=", receipt.id)
      .executeTakeFirstOrThrow();
    expect(row.tracking_token_sealed).toMatch(/^klara:v1:/);
    expect(row.tracking_token_sealed).not.toContain(receipt.trackingToken);

    s.deps.clock.advance({ minutes: 5 });
    await acknowledge(receipt.id);
    await deliver();
    const [mail] = mailTo("mette@example.dk");
    expect(mail?.subject).toContain(receipt.reference);
    expect(mail?.text).toContain(`Følg din klage her: ${BASE}/complaints/status/${receipt.trackingToken}`);
    const path = LINK.exec(mail?.text ?? "")?.[1];
    expect(path).toBe(`/complaints/status/${receipt.trackingToken}`);
    const page = await s.app.inject({ method: "GET", url: path! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(receipt.reference);

    const journal = JSON.stringify(await journalOf(s.t.db.kysely, receipt.id));
    expect(journal).toContain(`${BASE}/complaints/status/…`);
    expect(journal).not.toContain(receipt.trackingToken);

    // what staff read of the e-mail letter as PDF shows the address, not the token
    const [letter] = await outboxFor(s.t.db.kysely, receipt.id);
    const staffPdf = await parsePdf(
      (await readLetterPdf(s.deps, s.org.actors.receiver, receipt.id, letter!.id)).content,
    );
    expect(staffPdf.text.replace(/\s+/g, "")).toContain("/complaints/status/…");
    expect(staffPdf.text.replace(/\s+/g, "")).not.toContain(receipt.trackingToken);
  });

  it("prints the link in a letter for print (no e-mail address), the journal's copy without the token", async () => {
    const { receipt } = await submitComplaint(
      s.deps,
      schoolComplaint({
        subject: "Skolevejen",
        complainant: { name: "Per Post", address: "Skolevej 1, 8000 Aarhus C", anonymous: false },
      }),
    );
    await acknowledge(receipt.id);
    const [letter] = await outboxFor(s.t.db.kysely, receipt.id);
    expect(letter).toMatchObject({ channel: "print", state: "for_print" });
    expect(letter!.body).toContain(`${BASE}/complaints/status/${receipt.trackingToken}`);
    const pdfDoc = (await documentsOf(s.t.db.kysely, receipt.id)).find(
      (d) => d.mediaType === "application/pdf",
    );
    const printed = await parsePdf((await documentContent(s.t.db.kysely, receipt.id, pdfDoc!.id))!.content);
    expect(printed.text.replace(/\s+/g, "")).toContain(receipt.trackingToken);
    const journal = JSON.stringify(await journalOf(s.t.db.kysely, receipt.id));
    expect(journal).not.toContain(receipt.trackingToken);
  });

  it("acknowledges a case stored before the token was kept without a link or an empty sentence", async () => {
    const receipt = await submittedOnTheWeb("Gammel sag", "gammel@example.dk");
    // as migration T34 leaves every case stored before it: the hash only
    await s.t.db.kysely
      .updateTable("cases")
      .set({ tracking_token_sealed: null })
      .where("id", "=", receipt.id)
      .execute();
    await acknowledge(receipt.id);
    await deliver();
    const [mail] = mailTo("gammel@example.dk");
    expect(mail?.subject).toContain(receipt.reference);
    expect(mail?.text).not.toContain("/complaints/status/");
    expect(mail?.text).not.toContain("Følg din klage");
    expect(mail?.text).not.toMatch(/\n\s*\n\s*\n/);
    expect(mail?.text).toMatch(/Du får svar senest [^\n]+\.\n\nSkriv venligst sagsnummeret/);
  });

  it("previews the acknowledgement for staff with the link's address and no token", async () => {
    const preview = await previewLetterTemplate(
      s.deps,
      s.org.actors.admin,
      s.org.procedureIds["dk-school"]!,
      "acknowledgement",
      "Hej\n\n{{trackingGuidance}}\n\nLink: {{trackingLink}}",
    );
    expect(preview.body).toContain(`Følg din klage her: ${BASE}/complaints/status/…`);
    expect(preview.body).toContain(`Link: ${BASE}/complaints/status/…`);
  });

  it("gives the link to a complainant who phoned (registered by staff), who never saw a receipt page", async () => {
    const created = await registerCase(
      s.deps,
      s.org.actors.receiver,
      RegisterCaseBody.parse({
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        channel: "phone",
        complainant: { name: "Jonas Krogh", email: "jonas@example.dk" },
        subject: "Klage pr. telefon",
        description: "Forælderen ringede og klagede over skolens svar.",
      }),
    );
    await acknowledge(created.case.id);
    await deliver();
    const [mail] = mailTo("jonas@example.dk");
    const path = LINK.exec(mail?.text ?? "")?.[1];
    expect(path).toBeDefined();
    const page = await s.app.inject({ method: "GET", url: path! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(created.case.reference);
  });

  it("gives it to the representative who gets the letters, for the complainant's case", async () => {
    const { receipt } = await submitComplaint(
      s.deps,
      schoolComplaint({
        subject: "Via advokat",
        representative: { name: "Advokat Ane", email: "ane@advokat.example" },
      } as Partial<SubmitComplaintBody>),
    );
    await runCaseCommand(s.deps, s.org.actors.receiver, receipt.id, "record-power-of-attorney", {});
    await acknowledge(receipt.id);
    await deliver();
    const [mail] = mailTo("ane@advokat.example");
    expect(LINK.exec(mail?.text ?? "")?.[1]).toBe(`/complaints/status/${receipt.trackingToken}`);
    expect(mailTo("mette@example.dk").filter((m) => m.text?.includes(receipt.reference))).toEqual([]);
  });

  // last: afterwards the cases' tokens are sealed with a key the suite's own handle does not hold
  it("keys rotate seals the kept tokens again; with only the new key the link still comes and opens", async () => {
    const receipt = await submittedOnTheWeb("Efter nøgleskift", "rotation@example.dk");
    const key2 = randomBytes(32);
    const old = [...s.t.db.keyring.keys.values()];
    const both = openDatabase(s.t.target, { keyring: createKeyring([key2, ...old]), poolSize: 2 });
    try {
      const result = await rotateKeys({ ...s.deps, db: both });
      expect(result.trackingTokens).toBeGreaterThanOrEqual(1);
      expect(await rotateKeys({ ...s.deps, db: both })).toMatchObject({ trackingTokens: 0 });
    } finally {
      await both.destroy();
    }
    const row = await s.t.db.kysely
      .selectFrom("cases")
      .select(["tracking_token_sealed"])
      .where("id", "=", receipt.id)
      .executeTakeFirstOrThrow();
    expect(row.tracking_token_sealed).toMatch(new RegExp(`^klara:v1:${keyIdOf(key2)}:`));

    const onlyNew = openDatabase(s.t.target, { keyring: createKeyring([key2]), poolSize: 2 });
    try {
      const deps = { ...s.deps, db: onlyNew };
      await acknowledge(receipt.id, deps);
      await deliver(deps);
    } finally {
      await onlyNew.destroy();
    }
    const [mail] = mailTo("rotation@example.dk");
    const path = LINK.exec(mail?.text ?? "")?.[1];
    expect(path).toBe(`/complaints/status/${receipt.trackingToken}`);
    expect((await s.app.inject({ method: "GET", url: path! })).statusCode).toBe(200);
  });
});
