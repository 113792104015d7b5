/**
 * The case page's letters as PDF, on each database: staff who may see the case open a letter for
 * print as the journalised bytes (its SHA-256 is the document's) and preview an e-mail letter as
 * PDF; without a session it is sign-in, a person who may not see the case gets no PDF.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";
import { parsePdf } from "./pdf-support.js";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe.each(DIALECTS)("letters as PDF from the case page (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  async function acknowledgedCase(complainant: { name: string; phone?: string; email?: string }) {
    const { receipt } = await submitComplaint(demo.deps, {
      procedure: "dk-school",
      unit: "SKOLE-A",
      category: "school_conduct",
      subject: "Mobning i 5.B",
      description: "Min søn bliver mobbet.",
      complainant: { ...complainant, anonymous: false },
    });
    const client = await demo.signedIn("modtager@kommune.example");
    expect((await client.command(receipt.id, "acknowledge")).statusCode).toBe(303);
    const page = (await client.get(`/cases/${receipt.id}`)).body;
    const links = [...page.matchAll(/href="(\/cases\/[^"]+\/letters\/[^"]+\/pdf)">Brevet som PDF</g)].map(
      (m) => m[1]!,
    );
    return { receipt, client, page, links };
  }

  it("in the demo, every letter for print is a PDF under its own journal line, which names its SHA-256", async () => {
    const db = demo.t.db.kysely;
    const printed = await db
      .selectFrom("outbox")
      .select(["id", "case_id"])
      .where("state", "=", "for_print")
      .execute();
    expect(printed.length).toBeGreaterThan(0);
    const pdfs = await db
      .selectFrom("documents")
      .select(["case_id", "journal_seq", "sha256", "filename"])
      .where("media_type", "=", "application/pdf")
      .where("filename", "like", "KLA-%")
      .execute();
    expect(pdfs).toHaveLength(printed.length);
    for (const d of pdfs) {
      const entry = await db
        .selectFrom("journal_entries")
        .select(["kind", "body"])
        .where("case_id", "=", d.case_id)
        .where("seq", "=", d.journal_seq)
        .executeTakeFirstOrThrow();
      expect(entry.kind, d.filename).toBe("letter_queued");
      expect(entry.body).toContain("(for print)");
      expect(entry.body).toContain(`PDF: ${d.filename}`);
      expect(entry.body).toContain(`SHA-256 ${d.sha256}`);
    }
  });

  it("opens a letter for print as the journalised PDF, inline or as a download", async () => {
    const { receipt, client, links } = await acknowledgedCase({
      name: "Per Telefon",
      phone: "+45 11 22 33 44",
    });
    expect(links).toHaveLength(1);
    const res = await client.get(links[0]!);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toMatch(/^inline; filename\*=UTF-8''/);
    expect(res.headers["cache-control"]).toBe("no-store");
    const doc = await demo.t.db.kysely
      .selectFrom("documents")
      .select(["sha256", "filename"])
      .where("case_id", "=", receipt.id)
      .where("media_type", "=", "application/pdf")
      .executeTakeFirstOrThrow();
    expect(sha(res.rawPayload)).toBe(doc.sha256);
    expect(res.headers["content-disposition"]).toContain(doc.filename);
    const parsed = await parsePdf(res.rawPayload);
    expect(parsed.text).toContain(receipt.reference);
    expect(parsed.text).toContain("Per Telefon");

    const download = await client.get(`${links[0]}?download`);
    expect(download.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(sha(download.rawPayload)).toBe(doc.sha256);
  });

  it("previews an e-mail letter as PDF; no PDF without a session or for one who may not see the case", async () => {
    const { links } = await acknowledgedCase({ name: "Karen Jensen", email: "karen@example.org" });
    expect(links).toHaveLength(1);
    const parsed = await parsePdf(
      (await (await demo.signedIn("modtager@kommune.example")).get(links[0]!)).rawPayload,
    );
    expect(parsed.text).toContain("Karen Jensen");

    const anonymous = await new WebClient(demo.app).get(links[0]!);
    expect(anonymous.statusCode).toBe(303);
    for (const email of ["laerer.b@kommune.example", "analytiker@kommune.example"]) {
      const res = await (await demo.signedIn(email)).get(links[0]!);
      expect(res.statusCode, email).toBe(403);
      expect(res.headers["content-type"]).not.toContain("pdf");
    }
  });
});
