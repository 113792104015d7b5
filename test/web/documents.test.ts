/**
 * Documents from citizens on each database: checked by content before anything is stored, saved
 * with their hash, size and type together with the journal entry that received them, added from
 * the tracking page, and downloadable only by staff who may see the case.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { journalOf } from "../../src/db/case.repository.js";
import { verifyChain } from "../../src/domain/journal.js";
import { useDemoWeb } from "../support/demo-web.js";
import { multipart } from "../support/multipart.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c40000000049454e44ae426082",
  "hex",
);
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90), Buffer.from("PE\0\0")]);

describe.each(DIALECTS)("documents from citizens (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  const count = async (table: "cases" | "documents") =>
    Number(
      (
        await demo.t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function postForm(
    client: WebClient,
    url: string,
    fields: Record<string, string>,
    files: Parameters<typeof multipart>[1],
  ) {
    const { payload, contentType } = multipart(fields, files);
    return demo.app.inject({
      method: "POST",
      url,
      headers: { cookie: client.cookieHeader, "content-type": contentType },
      payload,
    });
  }

  async function complaintForm() {
    const client = new WebClient(demo.app);
    const form = await client.get("/complaints/new/dk-school");
    return { client, token: WebClient.token(form.body) };
  }

  const complaint = {
    unit: "SKOLE-A",
    category: "school_conduct",
    subject: "Mobning med bilag",
    description: "Se vedhæftede referat.",
    "complainant.email": "karen@example.org",
  };

  it("stores an attachment checked by content, with its hash, next to its journal entry", async () => {
    const { client, token } = await complaintForm();
    const res = await postForm(client, "/complaints/new/dk-school", { _csrf: token, ...complaint }, [
      { name: "attachments", filename: "referat.pdf", content: PDF },
    ]);
    expect(res.statusCode).toBe(303);
    const c = await demo.t.db.kysely
      .selectFrom("cases")
      .select(["id", "reference"])
      .where("subject", "=", "Mobning med bilag")
      .executeTakeFirstOrThrow();
    const docs = await demo.t.db.kysely
      .selectFrom("documents")
      .selectAll()
      .where("case_id", "=", c.id)
      .execute();
    const sha = createHash("sha256").update(PDF).digest("hex");
    expect(docs.map((d) => [d.filename, d.media_type, Number(d.size), d.sha256])).toEqual([
      ["referat.pdf", "application/pdf", PDF.length, sha],
    ]);
    expect(Buffer.from(docs[0]!.content).equals(PDF)).toBe(true);
    const journal = await journalOf(demo.t.db.kysely, c.id);
    const entry = journal.find((e) => e.seq === docs[0]!.journal_seq);
    expect(entry?.title).toBe("Attachments from the complainant");
    expect(entry?.body).toContain(sha);
    expect(verifyChain(c.id, journal).ok).toBe(true);

    // staff who may see the case download it as an attachment, never inline
    const staff = new WebClient(demo.app);
    await staff.signIn("modtager@kommune.example", demo.passwords["modtager@kommune.example"] ?? "");
    const download = await staff.get(`/cases/${c.id}/documents/${docs[0]!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toContain("attachment;");
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect((await new WebClient(demo.app).get(`/cases/${c.id}/documents/${docs[0]!.id}`)).statusCode).toBe(
      303,
    );
  });

  it("refuses a program named .pdf and a file over 10 MB, and stores nothing at all", async () => {
    const cases = await count("cases");
    const documents = await count("documents");
    const { client, token } = await complaintForm();
    const exe = await postForm(client, "/complaints/new/dk-school", { _csrf: token, ...complaint }, [
      { name: "attachments", filename: "faktura.pdf", content: EXE },
    ]);
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('<a href="#attachments" class="function-link">En fil blev afvist');
    expect(exe.body).toContain('value="Mobning med bilag"');
    const big = await postForm(client, "/complaints/new/dk-school", { _csrf: token, ...complaint }, [
      {
        name: "attachments",
        filename: "stor.pdf",
        content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
      },
    ]);
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain("Filen stor.pdf er større end 10 MB.");
    expect(await count("cases")).toBe(cases);
    expect(await count("documents")).toBe(documents);
  });

  it("takes a representative with a power of attorney, kept as its own document", async () => {
    const { client, token } = await complaintForm();
    const noName = await postForm(
      client,
      "/complaints/new/dk-school",
      { _csrf: token, ...complaint, "representative.email": "advokat@example.org" },
      [],
    );
    expect(noName.statusCode).toBe(400);
    expect(noName.body).toContain('<a href="#representative.name"');
    const res = await postForm(
      client,
      "/complaints/new/dk-school",
      {
        _csrf: token,
        ...complaint,
        subject: "Via advokat",
        "representative.name": "Advokat Berg",
        "representative.email": "advokat@example.org",
      },
      [{ name: "powerOfAttorney", filename: "fuldmagt.pdf", content: PDF }],
    );
    expect(res.statusCode).toBe(303);
    const c = await demo.t.db.kysely
      .selectFrom("cases")
      .selectAll()
      .where("subject", "=", "Via advokat")
      .executeTakeFirstOrThrow();
    expect(c.source).toBe("representative");
    expect(JSON.parse(c.data).representative).toMatchObject({
      name: "Advokat Berg",
      powerOfAttorneyReceived: true,
    });
    const journal = await journalOf(demo.t.db.kysely, c.id);
    const entry = journal.find((e) => e.title === "Power of attorney from the representative");
    expect(entry?.body).toContain("fuldmagt.pdf (PDF");
    const docs = await demo.t.db.kysely
      .selectFrom("documents")
      .select(["filename", "journal_seq"])
      .where("case_id", "=", c.id)
      .execute();
    expect(docs).toEqual([{ filename: "fuldmagt.pdf", journal_seq: entry?.seq }]);
  });

  it("refuses a multipart post without its CSRF token", async () => {
    const { client } = await complaintForm();
    const res = await postForm(client, "/complaints/new/dk-school", complaint, [
      { name: "attachments", filename: "referat.pdf", content: PDF },
    ]);
    expect(res.statusCode).toBe(403);
  });

  it("lets the complainant add information and a picture from the tracking page", async () => {
    const { client, token } = await complaintForm();
    const filed = await postForm(
      client,
      "/complaints/new/dk-school",
      { _csrf: token, ...complaint, subject: "Med opfølgning" },
      [],
    );
    const statusUrl = String(filed.headers.location).split("?")[0] ?? "";
    const page = await client.get(statusUrl);
    const csrf = WebClient.token(page.body);
    const empty = await postForm(client, statusUrl, { _csrf: csrf, text: "  " }, []);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Skriv noget, eller vedhæft en fil.");

    const added = await postForm(client, statusUrl, { _csrf: csrf, text: "Det skete igen <i>i dag</i>." }, [
      { name: "attachments", filename: "billede.png", content: PNG },
    ]);
    expect(added.statusCode).toBe(303);
    const after = await client.get(String(added.headers.location));
    expect(after.body).toContain("Tak. Dine oplysninger er føjet til sagen.");
    const c = await demo.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("subject", "=", "Med opfølgning")
      .executeTakeFirstOrThrow();
    const journal = await journalOf(demo.t.db.kysely, c.id);
    const last = journal.at(-1);
    expect(last?.title).toBe("Information from the complainant");
    expect(last?.body).toContain("Det skete igen <i>i dag</i>.");
    expect(last?.body).toContain("billede.png (PNG");
    const docs = await demo.t.db.kysely
      .selectFrom("documents")
      .select(["media_type", "journal_seq"])
      .where("case_id", "=", c.id)
      .execute();
    expect(docs).toEqual([{ media_type: "image/png", journal_seq: last?.seq }]);
    expect(verifyChain(c.id, journal).ok).toBe(true);
  });

  it("refuses a file over 10 MB or a program from the tracking page on the page, keeping the text and storing nothing", async () => {
    const { client, token } = await complaintForm();
    const filed = await postForm(
      client,
      "/complaints/new/dk-school",
      { _csrf: token, ...complaint, subject: "Med afvist bilag" },
      [],
    );
    const statusUrl = String(filed.headers.location).split("?")[0] ?? "";
    const csrf = WebClient.token((await client.get(statusUrl)).body);
    const c = await demo.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("subject", "=", "Med afvist bilag")
      .executeTakeFirstOrThrow();
    const entries = (await journalOf(demo.t.db.kysely, c.id)).length;
    const documents = await count("documents");

    const big = await postForm(client, statusUrl, { _csrf: csrf, text: "Se bilaget." }, [
      {
        name: "attachments",
        filename: "stor.pdf",
        content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
      },
    ]);
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain("Filen stor.pdf er større end 10 MB. Intet er gemt.");
    expect(big.body).toContain('href="#attachments"');
    expect(big.body).toContain("Se bilaget.");

    const exe = await postForm(client, statusUrl, { _csrf: csrf, text: "Se programmet." }, [
      { name: "attachments", filename: "faktura.pdf", content: EXE },
    ]);
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain("En fil blev afvist");
    expect(exe.body).toContain('href="#attachments"');
    expect(exe.body).toContain("Se programmet.");

    expect((await journalOf(demo.t.db.kysely, c.id)).length).toBe(entries);
    expect(await count("documents")).toBe(documents);
  });
});
