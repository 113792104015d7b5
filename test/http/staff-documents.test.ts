/**
 * Staff attach documents to a case (issue 8 point 5): by the API (multipart) and by the case
 * page's form; checked by content like the citizen's upload, journalised with each file's SHA-256,
 * refused without a token (401), to someone who may not see the case (403), and for a forbidden
 * file type or no file (400 naming files). Both databases.
 */
import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";
import { multipart } from "../support/multipart.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

const K = (local: string) => `${local}@kommune.example`;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)]);

describe.each(DIALECTS)("staff attach documents (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const token = (email: string) => demo.tokens[email]!;
  const api = async (
    app: FastifyInstance,
    email: string | null,
    caseId: string,
    body: ReturnType<typeof multipart>,
  ) =>
    app.inject({
      method: "POST",
      url: `/api/v1/cases/${caseId}/documents`,
      headers: {
        "content-type": body.contentType,
        ...(email ? { authorization: `Bearer ${token(email)}` } : {}),
      },
      payload: body.payload,
    });
  const newCase = async () => {
    const res = await demo.app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: { authorization: `Bearer ${token(K("modtager"))}` },
      payload: {
        procedure: "dk-employment",
        unit: "JOBCENTER",
        channel: "phone",
        complainant: { name: "Morten Storm", phone: "+45 31 32 33 34" },
        subject: "Ingen ringede tilbage",
        description: "Jobcentret lovede at ringe tilbage.",
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const journal = (caseId: string) =>
    demo.t.db.kysely
      .selectFrom("journal_entries")
      .select(["seq", "title", "body"])
      .where("case_id", "=", caseId)
      .orderBy("seq")
      .execute();
  const documents = (caseId: string) =>
    demo.t.db.kysely
      .selectFrom("documents")
      .select(["filename", "sha256", "journal_seq"])
      .where("case_id", "=", caseId)
      .execute();

  it("takes a PDF by the API, journalised with its SHA-256 under the entry", async () => {
    const id = await newCase();
    const res = await api(
      demo.app,
      K("modtager"),
      id,
      multipart({ note: "Notat fra mødet" }, [{ filename: "notat.pdf", content: PDF }]),
    );
    expect(res.statusCode, res.body).toBe(201);
    const entries = await journal(id);
    const entry = entries.at(-1)!;
    expect(entry.title).toContain("Documents attached by");
    expect(entry.body).toContain("Notat fra mødet");
    expect(entry.body).toContain(createHash("sha256").update(PDF).digest("hex"));
    expect(await documents(id)).toEqual([
      {
        filename: "notat.pdf",
        sha256: createHash("sha256").update(PDF).digest("hex"),
        journal_seq: entry.seq,
      },
    ]);
  });

  it("refuses without a token (401), to a person who may not see the case (403), a program or no file (400)", async () => {
    const id = await newCase();
    const pdf = multipart({}, [{ filename: "a.pdf", content: PDF }]);
    const none = await api(demo.app, null, id, pdf);
    expect(none.statusCode).toBe(401);
    expect(none.headers["content-type"]).toContain("application/problem+json");
    const analyst = await api(demo.app, K("analytiker"), id, pdf);
    expect(analyst.statusCode).toBe(403);
    expect(analyst.headers["content-type"]).toContain("application/problem+json");
    const exe = await api(
      demo.app,
      K("modtager"),
      id,
      multipart({}, [{ filename: "invoice.pdf", content: EXE }]),
    );
    expect(exe.statusCode).toBe(400);
    expect(exe.json().errors[0].path).toBe("files");
    const empty = await api(demo.app, K("modtager"), id, multipart({ note: "x" }, []));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe("files");
    expect(await documents(id)).toEqual([]);
    expect((await journal(id)).some((e) => e.title.startsWith("Documents attached"))).toBe(false);
  });

  it("is in the OpenAPI document as multipart/form-data", async () => {
    const doc = (await demo.app.inject({ url: "/api/v1/openapi.json" })).json();
    const op = doc.paths["/api/v1/cases/{id}/documents"].post;
    expect(Object.keys(op.requestBody.content)).toEqual(["multipart/form-data"]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403"]));
    // the route kit's own routes are still there
    expect(doc.paths["/api/v1/notifications"].get).toBeDefined();
  });

  it("takes a file from the case page's form, with the CSRF token", async () => {
    const id = await newCase();
    const client = await demo.signedIn(K("modtager"));
    const page = await client.get(`/cases/${id}`);
    expect(page.body).toContain(`action="/cases/${id}/documents"`);
    const csrf = WebClient.token(page.body);
    const post = (fields: Record<string, string>) => {
      const body = multipart(fields, [{ filename: "svar.txt", content: Buffer.from("Skolens svar.\n") }]);
      return demo.app.inject({
        method: "POST",
        url: `/cases/${id}/documents`,
        headers: { cookie: client.cookieHeader, "content-type": body.contentType },
        payload: body.payload,
      });
    };
    expect((await post({})).statusCode).toBe(403);
    const ok = await post({ _csrf: csrf, note: "Svar fra skolen" });
    expect(ok.statusCode, ok.body).toBe(303);
    expect(await documents(id)).toEqual([expect.objectContaining({ filename: "svar.txt" })]);
    expect((await client.get(`/cases/${id}`)).body).toContain("svar.txt");
  });
});
