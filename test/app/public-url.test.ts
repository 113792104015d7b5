import type { ParsedMail } from "mailparser";
import { describe, expect, it } from "vitest";
import { publicLink } from "../../src/app/context.js";
import { sendDailyDigests } from "../../src/app/daily-digest.js";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { withoutLinkTokens } from "../../src/app/handler-link-tokens.js";
import { previewLetterTemplate } from "../../src/app/letter-templates.js";
import { registerCase } from "../../src/app/register-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { RegisterCaseBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { readConfig } from "../../src/config.js";
import { journalOf } from "../../src/db/case.repository.js";
import { smtpSender } from "../../src/jobs/smtp-sender.js";
import { useSeededMailApp } from "../support/seeded-app.js";
import { DIALECTS } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z";
const BASE = "https://klage.example";
const FROM = '"Test Kommune" <klager@kommune.example>';

describe("publicLink and the journal's copy", () => {
  it("reads KLARA_PUBLIC_URL without its trailing slash, and refuses a query, fragment or other scheme", () => {
    expect(readConfig({}).publicUrl).toBeUndefined();
    expect(readConfig({ KLARA_PUBLIC_URL: " " }).publicUrl).toBeUndefined();
    expect(readConfig({ KLARA_PUBLIC_URL: "https://klage.example/" }).publicUrl).toBe(BASE);
    expect(readConfig({ KLARA_PUBLIC_URL: "http://kommune.example/klage/" }).publicUrl).toBe(
      "http://kommune.example/klage",
    );
    for (const bad of [
      "klage.example",
      "mailto:a@b.example",
      "https://klage.example?x=1",
      "https://klage.example#a",
    ])
      expect(() => readConfig({ KLARA_PUBLIC_URL: bad })).toThrow(/KLARA_PUBLIC_URL/);
  });

  it("puts the configured address before the path, else the local default", () => {
    expect(publicLink({ publicUrl: BASE }, "/work")).toBe("https://klage.example/work");
    expect(publicLink({ localUrl: "http://127.0.0.1:4321" }, "/work")).toBe("http://127.0.0.1:4321/work");
    expect(publicLink({}, "/notifications")).toBe("http://127.0.0.1:3000/notifications");
  });

  it("cuts the token out of absolute links and keeps the address", () => {
    const text = `Sagen: ${BASE}/handler/klh_AbC-12_x. Bekræft: ${BASE}/complaints/confirm/klc_Zz9-_a here`;
    expect(withoutLinkTokens(text)).toBe(
      `Sagen: ${BASE}/handler/…. Bekræft: ${BASE}/complaints/confirm/… here`,
    );
  });
});

describe.each(DIALECTS)("links from KLARA_PUBLIC_URL (%s)", (dialect) => {
  const s = useSeededMailApp(dialect, { country: "DK" }, START, BASE);

  const deliver = async () => {
    const sender = smtpSender(s.smtp.url);
    try {
      await deliverMail(s.deps, { sender, from: FROM });
    } finally {
      sender.close();
    }
  };
  const mailTo = (address: string): ParsedMail[] =>
    s.smtp.received.filter((m) => JSON.stringify(m.to).includes(address));
  const linkIn = (text: string, path: string) =>
    new RegExp(`${BASE.replaceAll(".", "\\.")}(${path.replaceAll("/", "\\/")}[A-Za-z0-9_-]+)`).exec(
      text,
    )?.[1];

  async function schoolCase(subject: string) {
    const { receipt } = await submitComplaint(s.deps, {
      procedure: "dk-school",
      unit: "SKOLE-A",
      category: "school_conduct",
      complainant: { anonymous: false, name: "Mette Forælder", email: "mette@example.dk" },
      subject,
      description: "Min søn bliver mobbet, og skolen reagerer ikke.",
    });
    return receipt;
  }

  it("e-mails the handler https://klage.example/handler/<token>, which opens the case; the journal has no token", async () => {
    const { id } = await schoolCase("Mobning i 4.b");
    s.deps.clock.advance({ minutes: 5 });
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "send-handler-link", {
      handlerName: "Lise Skovgaard",
      handlerEmail: "lise.skovgaard@skole-a.example",
    });
    await deliver();
    const [mail] = mailTo("lise.skovgaard@skole-a.example");
    expect(mail?.text).toContain(`${BASE}/handler/klh`);
    const path = linkIn(mail?.text ?? "", "/handler/");
    expect(path).toBeDefined();
    const page = await s.app.inject({ method: "GET", url: path! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Mobning i 4.b");

    const token = path!.slice("/handler/".length);
    const journal = JSON.stringify(await journalOf(s.t.db.kysely, id));
    expect(journal).toContain(`${BASE}/handler/…`);
    expect(journal).not.toContain(token);
  });

  it("asks the complainant to confirm at https://klage.example/complaints/confirm/<token>, which opens", async () => {
    const created = await registerCase(
      s.deps,
      s.org.actors.leaderA,
      RegisterCaseBody.parse({
        procedure: "dk-central-unit",
        unit: "SKOLE-A",
        category: "school",
        channel: "in_person",
        needsConfirmation: true,
        complainant: { name: "Jonas Krogh", email: "jonas@example.dk" },
        subject: "Utilfreds med skolens svar",
        description: "Forælderen gav udtryk for utilfredshed ved et møde.",
      }),
    );
    await deliver();
    const [mail] = mailTo("jonas@example.dk");
    const path = linkIn(mail?.text ?? "", "/complaints/confirm/");
    expect(path).toBeDefined();
    const page = await s.app.inject({ method: "GET", url: path! });
    expect(page.statusCode).toBe(200);
    const journal = JSON.stringify(await journalOf(s.t.db.kysely, created.case.id));
    expect(journal).toContain(`${BASE}/complaints/confirm/…`);
    expect(journal).not.toContain(path!.slice("/complaints/confirm/".length));
  });

  it("links a notification e-mail, the staff letter and the daily digest to Klara's address", async () => {
    const { id, reference } = await schoolCase("Larm i klassen");
    s.deps.clock.advance({ minutes: 5 });
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "assign", {});
    await deliver();
    const leader = s.org.people.leaderA.email;
    const notification = mailTo(leader).find(
      (m) => m.subject?.startsWith(`Klara: `) && m.subject.includes(reference),
    );
    expect(notification?.text).toContain(`${BASE}/notifications`);
    expect(notification?.text).not.toMatch(/[^e]\/notifications/);
    const staffLetter = mailTo(leader).find((m) => m.text?.includes(`${BASE}/cases/${id}`));
    expect(staffLetter).toBeDefined();

    s.smtp.received.length = 0;
    const digests = await sendDailyDigests(s.deps, { days: 365 });
    expect(digests.sent).toBeGreaterThan(0);
    await deliver();
    const digest = mailTo(leader).find((m) => m.text?.includes(reference));
    expect(digest?.text).toContain(`${BASE}/work`);
  });

  it("shows the tracking page's own link from the configured address, not the request's host", async () => {
    const receipt = await schoolCase("Skolevejen");
    const page = await s.app.inject({
      method: "GET",
      url: `/complaints/status/${receipt.trackingToken}?submitted=1`,
      headers: { host: "evil.example" },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`${BASE}/complaints/status/${receipt.trackingToken}`);
    expect(page.body).not.toContain("evil.example");
  });

  it("previews a template's links as the letter will have them", async () => {
    const preview = await previewLetterTemplate(
      s.deps,
      s.org.actors.admin,
      s.org.procedureIds["dk-central-unit"]!,
      "confirm_formal_complaint",
      "Bekræft: {{confirmLink}} Sagen: {{caseLink}}",
    );
    expect(preview.body).toBe(`Bekræft: ${BASE}/complaints/confirm/… Sagen: ${BASE}/cases/…`);
  });
});
