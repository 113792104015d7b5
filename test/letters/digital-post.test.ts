/**
 * Digital Post behind its port (decision 0021), once per dialect: with the mock adapter
 * (KLARA_DIGITAL_POST=mock) a Danish complainant known by CPR without an e-mail address gets the
 * acknowledgement by Digital Post — the journalised PDF/A is what the mock receives, with the CPR
 * masked in its record, the journal says it was sent by Digital Post, and it is sent once, SMTP or
 * not; an adapter that refuses is retried; without the adapter the letter is for print as before;
 * a complainant with e-mail gets e-mail.
 */
import { describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/context.js";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { goesByDigitalPost } from "../../src/app/digital-post.js";
import { mockDigitalPost, withDigitalPost } from "../../src/app/digital-post-delivery.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { mailDeliver } from "../../src/cli/mail-command.js";
import { readConfig } from "../../src/config.js";
import { journalOf } from "../../src/db/case.repository.js";
import { digitalPostSent } from "../../src/db/digital-post.repository.js";
import { documentContent, documentsOf } from "../../src/db/document.repository.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import { verifyChain } from "../../src/domain/journal.js";
import { translator } from "../../src/web/i18n/messages.js";
import { lettersOnCase } from "../../src/web/letters-text.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";
import { parsePdf } from "./pdf-support.js";

const START = "2026-03-02T09:00:00.000Z";

const cprOnly = {
  name: "Per Post",
  address: "Skolevej 1, 8000 Aarhus C",
  nationalId: "010190-1234",
  anonymous: false,
};

function complaint(complainant: SubmitComplaintBody["complainant"]): SubmitComplaintBody {
  return {
    procedure: "dk-school",
    unit: "SKOLE-A",
    complainant,
    subject: "Mobning i 4.b",
    description: "Min søn bliver mobbet i frikvartererne.",
    category: "school_conduct",
  };
}

describe("which letters go by Digital Post", () => {
  it("a Danish complainant known by CPR without e-mail; not in Norway, not to others, not with e-mail", () => {
    const c = { complainant: { nationalId: "0101901234" } } as Parameters<typeof goesByDigitalPost>[1];
    expect(goesByDigitalPost({ country: "DK" }, c, "complainant", "print")).toBe(true);
    expect(goesByDigitalPost({ country: "NO" }, c, "complainant", "print")).toBe(false);
    expect(goesByDigitalPost({ country: "DK" }, c, "appeals_board", "print")).toBe(false);
    expect(goesByDigitalPost({ country: "DK" }, c, "complainant", "email")).toBe(false);
    const none = { complainant: { nationalId: null } } as Parameters<typeof goesByDigitalPost>[1];
    expect(goesByDigitalPost({ country: "DK" }, none, "complainant", "print")).toBe(false);
  });

  it("KLARA_DIGITAL_POST=mock configures the mock; unset, none; anything else is refused", () => {
    expect(readConfig({ KLARA_DIGITAL_POST: "mock" }).digitalPost).toBe("mock");
    expect(readConfig({}).digitalPost).toBeUndefined();
    expect(() => readConfig({ KLARA_DIGITAL_POST: "e-boks" })).toThrow(/KLARA_DIGITAL_POST/);
  });
});

describe.each(DIALECTS)("Digital Post, mocked (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);
  const withMock = (): AppDeps => withDigitalPost(s.deps, { digitalPost: "mock" });

  async function acknowledged(deps: AppDeps, complainant: SubmitComplaintBody["complainant"]) {
    const { receipt } = await submitComplaint(deps, complaint(complainant));
    await runCaseCommand(deps, s.org.actors.receiver, receipt.id, "acknowledge", {});
    return receipt;
  }

  it("sends a CPR-only complainant's letter as its journalised PDF/A, once, and journalises it as sent", async () => {
    const deps = withMock();
    const receipt = await acknowledged(deps, cprOnly);
    const [letter] = await outboxFor(s.t.db.kysely, receipt.id);
    expect(letter).toMatchObject({ channel: "digital_post", state: "queued" });
    const queued = (await journalOf(s.t.db.kysely, receipt.id)).find((e) => e.kind === "letter_queued")!;
    expect(queued.body).toContain("(Digital Post)");
    const [doc] = (await documentsOf(s.t.db.kysely, receipt.id)).filter(
      (d) => d.mediaType === "application/pdf",
    );
    expect(queued.body).toContain(`PDF: ${doc!.filename}`);

    // no SMTP server: e-mail would be captured, Digital Post still goes out
    expect(await deliverMail(deps, { sender: null })).toMatchObject({ sent: 1, failed: 0 });
    const [received, ...more] = await digitalPostSent(s.t.db.kysely, receipt.id);
    expect(more).toEqual([]);
    const stored = await documentContent(s.t.db.kysely, receipt.id, doc!.id);
    expect(received).toMatchObject({
      outboxId: letter!.id,
      recipient: "010190-****",
      filename: doc!.filename,
      sha256: doc!.sha256,
      subject: letter!.subject,
    });
    expect(Buffer.from(received!.content).equals(Buffer.from(stored!.content))).toBe(true);
    const pdf = await parsePdf(received!.content);
    expect(pdf.text).toContain(receipt.reference);
    expect(pdf.text).toContain("Per Post");
    expect(pdf.text).not.toContain("010190-1234");

    const [sent] = await outboxFor(s.t.db.kysely, receipt.id);
    expect(sent).toMatchObject({ state: "sent", attempts: 1 });
    const journal = await journalOf(s.t.db.kysely, receipt.id);
    const entry = journal.find((e) => e.title === "Letter sent by Digital Post");
    expect(entry?.body).toContain(`PDF: ${doc!.filename}`);
    expect(entry?.body).toContain(`SHA-256 ${doc!.sha256}`);
    expect(verifyChain(receipt.id, journal)).toMatchObject({ ok: true });
    const [shown] = lettersOnCase([sent!], translator("da"), (x) => x);
    expect(shown!.state).toBe("sendt med Digital Post");

    // nothing is due any more
    expect(await deliverMail(deps, { sender: null })).toMatchObject({ sent: 0, captured: 0 });
    expect(await digitalPostSent(s.t.db.kysely, receipt.id)).toHaveLength(1);
  });

  it("retries when Digital Post refuses, as e-mail is retried", async () => {
    const failing: AppDeps = {
      ...s.deps,
      digitalPost: {
        send: async () => {
          throw new Error("Digital Post is unavailable");
        },
      },
    };
    const receipt = await acknowledged(failing, { ...cprOnly, nationalId: "020290-2345" });
    expect(await deliverMail(failing, { sender: null })).toMatchObject({ sent: 0, retried: 1 });
    const [row] = await outboxFor(s.t.db.kysely, receipt.id);
    expect(row).toMatchObject({ state: "queued", attempts: 1, lastError: "Digital Post is unavailable" });
    // back again a minute later: sent by the (now working) mock
    s.deps.clock.advance({ minutes: 2 });
    const working: AppDeps = { ...s.deps, digitalPost: mockDigitalPost(s.t.db, () => START) };
    expect(await deliverMail(working, { sender: null })).toMatchObject({ sent: 1 });
    expect(await digitalPostSent(s.t.db.kysely, receipt.id)).toHaveLength(1);
  });

  it("klara mail deliver without SMTP says what went by Digital Post", async () => {
    const deps = withMock();
    await acknowledged(deps, { ...cprOnly, nationalId: "040490-4567" });
    const out: string[] = [];
    expect(await mailDeliver(deps, {}, { out: (l) => out.push(l) })).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^No SMTP server configured \(KLARA_SMTP_URL\): \d+ letters captured/);
    expect(out[0]).toContain("By Digital Post: 1 sent, 0 to retry, 0 failed.");
  });

  it("without Digital Post configured the letter is for print; with e-mail it is e-mail", async () => {
    const plain = await acknowledged(s.deps, { ...cprOnly, nationalId: "030390-3456" });
    expect((await outboxFor(s.t.db.kysely, plain.id))[0]).toMatchObject({
      channel: "print",
      state: "for_print",
    });
    const mailed = await acknowledged(withMock(), { ...cprOnly, email: "per@example.dk" });
    expect((await outboxFor(s.t.db.kysely, mailed.id))[0]).toMatchObject({
      channel: "email",
      state: "queued",
    });
  });
});
