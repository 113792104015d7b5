/**
 * The personal links' pages over HTTP, once per dialect (decision 0017): the handler without an
 * account reads the case (never the national id) and uploads with the pages' CSRF token and no
 * session; a forged token is refused; gone links answer 410 with a plain page; the complainant
 * confirms once. The command goes through the API (allowedCommands, OpenAPI) like any other.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/app/create-token.js";
import { registerCase } from "../../src/app/register-case.js";
import { RegisterCaseBody } from "../../src/app/schemas.js";
import { resetPassword } from "../../src/app/setup-password.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import { pathOnly } from "../../src/http/logging.js";
import { multipart } from "../support/multipart.js";
import { useSeededApp } from "../support/seeded-app.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const NATIONAL_ID = "0101901234";

describe.each(DIALECTS)("personal link pages (%s)", (dialect) => {
  const s = useSeededApp(dialect, { country: "DK" });
  let apiToken: string;

  const api = (method: "GET" | "POST", url: string, payload?: unknown) =>
    s.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${apiToken}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function schoolCase(n: number) {
    const { receipt } = await submitComplaint(
      s.deps,
      {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        complainant: {
          anonymous: false,
          name: `Karen ${n}`,
          email: `karen${n}@example.dk`,
          nationalId: NATIONAL_ID,
        },
        subject: `Mobning (${n})`,
        description: "Min datter bliver mobbet i frikvartererne.",
      },
      { channel: "web", attachments: [{ filename: "bilag.pdf", content: PDF }] },
    );
    return receipt.id;
  }

  async function tokenIn(caseId: string, path: string) {
    const body = (await outboxFor(s.t.db.kysely, caseId))
      .map((l) => l.body ?? "")
      .reverse()
      .find((b) => b.includes(path));
    const token = new RegExp(`${path.replaceAll("/", "\\/")}([A-Za-z0-9_-]+)`).exec(body ?? "")?.[1];
    if (!token) throw new Error(`no ${path} link`);
    return token;
  }

  async function sendLink(caseId: string, body: Record<string, unknown> = {}) {
    // a later instant: the newest letter is the one with the newest link
    s.deps.clock.advance({ minutes: 1 });
    const res = await api("POST", `/api/v1/cases/${caseId}/commands/send-handler-link`, {
      handlerName: "Lise Skovgaard",
      handlerEmail: "lise@skole-a.example",
      ...body,
    });
    expect(res.statusCode).toBe(200);
    return tokenIn(caseId, "/handler/");
  }

  beforeAll(async () => {
    apiToken = await createToken(s.deps, s.org.people.receiver.email);
  }, 60_000);

  it("offers the command through the API and its OpenAPI document, and refuses bad input naming the field", async () => {
    const id = await schoolCase(1);
    const before = (await api("GET", `/api/v1/cases/${id}`)).json();
    expect(before.allowedCommands).toContain("send-handler-link");
    const bad = await api("POST", `/api/v1/cases/${id}/commands/send-handler-link`, {
      handlerName: "Lise",
      handlerEmail: "not an address",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.stringify(bad.json())).toContain("handlerEmail");
    const doc = (await s.app.inject({ url: "/api/v1/openapi.json" })).json();
    expect(JSON.stringify(doc.paths)).toContain("send-handler-link");
  });

  it("shows the case to the handler without the national id and takes an upload with the link's CSRF token", async () => {
    const id = await schoolCase(2);
    const token = await sendLink(id);
    const handler = new WebClient(s.app);
    const page = await handler.get(`/handler/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.body).toContain("Min datter bliver mobbet i frikvartererne.");
    expect(page.body).toContain("Karen 2");
    expect(page.body).toContain("bilag.pdf");
    expect(page.body).not.toMatch(/0101901234|010190/);
    expect(page.body).toContain('lang="da"');

    // the complainant's document, by the link
    const href = /href="(\/handler\/[^"]+\/documents\/[^"]+)"/.exec(page.body)?.[1] ?? "";
    const download = await handler.get(href);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toContain("attachment;");
    expect(download.rawPayload.equals(PDF)).toBe(true);

    // a forged CSRF token stores nothing
    const entries = (await journalOf(s.t.db.kysely, id)).length;
    const forged = multipart({ _csrf: "forged", text: "Noter" }, []);
    const refused = await s.app.inject({
      method: "POST",
      url: `/handler/${token}`,
      headers: { cookie: handler.cookieHeader, "content-type": forged.contentType },
      payload: forged.payload,
    });
    expect(refused.statusCode).toBe(403);
    expect(await journalOf(s.t.db.kysely, id)).toHaveLength(entries);

    const form = multipart({ _csrf: WebClient.token(page.body), text: "Referat af mødet med forældrene." }, [
      { name: "files", filename: "referat.pdf", content: PDF },
    ]);
    const posted = await s.app.inject({
      method: "POST",
      url: `/handler/${token}`,
      headers: { cookie: handler.cookieHeader, "content-type": form.contentType },
      payload: form.payload,
    });
    expect(posted.statusCode).toBe(303);
    const entry = (await journalOf(s.t.db.kysely, id)).at(-1);
    expect(entry?.title).toBe("Reply or notes from the external handler");
    expect(entry?.body).toContain("Referat af mødet med forældrene.");
    const after = await handler.get(`/handler/${token}?added=1`);
    expect(after.body).toContain("referat.pdf");

    // an empty form is answered on the page, naming the field
    const empty = multipart({ _csrf: WebClient.token(after.body), text: "" }, []);
    const res = await s.app.inject({
      method: "POST",
      url: `/handler/${token}?lang=en`,
      headers: { cookie: handler.cookieHeader, "content-type": empty.contentType },
      payload: empty.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#text"');

    // a file over 10 MB is named on the page with the text kept, and nothing is stored
    const before = (await journalOf(s.t.db.kysely, id)).length;
    const big = multipart({ _csrf: WebClient.token(after.body), text: "Stort bilag." }, [
      { name: "files", filename: "stor.pdf", content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) },
    ]);
    const tooLarge = await s.app.inject({
      method: "POST",
      url: `/handler/${token}`,
      headers: { cookie: handler.cookieHeader, "content-type": big.contentType },
      payload: big.payload,
    });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.body).toContain("Filen stor.pdf er større end 10 MB. Intet er gemt.");
    expect(tooLarge.body).toContain('href="#files"');
    expect(tooLarge.body).toContain("Stort bilag.");
    expect(await journalOf(s.t.db.kysely, id)).toHaveLength(before);
  });

  it("answers 410 Gone once the link is replaced or expired, 404 for an unknown token, in the reader's language", async () => {
    const id = await schoolCase(3);
    const first = await sendLink(id, { expiresInDays: 1 });
    const second = await sendLink(id, { expiresInDays: 1 });
    // the case names its external handlers and which link works
    const detail = (await api("GET", `/api/v1/cases/${id}`)).json();
    expect(detail.externalHandlers).toEqual([
      expect.objectContaining({ name: "Lise Skovgaard", email: "lise@skole-a.example", state: "active" }),
      expect.objectContaining({ name: "Lise Skovgaard", state: "revoked" }),
    ]);
    // and so does its page, to staff
    const staff = new WebClient(s.app);
    const { password } = await resetPassword(s.deps, s.org.people.receiver.email);
    await staff.signIn(s.org.people.receiver.email, password);
    const casePage = await staff.get(`/cases/${id}?lang=en`);
    expect(casePage.body).toContain("Handlers without access to Klara (personal link):");
    expect(casePage.body).toMatch(/Lise Skovgaard \(lise@skole-a\.example\) – the link works until/);
    expect(casePage.body).toContain("the link was replaced by a new one");
    expect(casePage.body).toContain("Send a personal link to a handler without access to Klara");
    const replaced = await new WebClient(s.app).get(`/handler/${first}?lang=en`);
    expect(replaced.statusCode).toBe(410);
    expect(replaced.body).toContain("This link no longer works");
    expect(replaced.body).not.toContain("Min datter");
    expect((await new WebClient(s.app).get(`/handler/${second}?lang=nb`)).statusCode).toBe(200);
    s.deps.clock.advance({ hours: 25 });
    const expired = await new WebClient(s.app).get(`/handler/${second}?lang=nb`);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain("Lenken er utløpt");
    expect((await new WebClient(s.app).get("/handler/klh_unknown")).statusCode).toBe(404);
  });

  it("lets the complainant confirm a formal complaint once, without a session", async () => {
    const created = await registerCase(
      s.deps,
      s.org.actors.leaderA,
      RegisterCaseBody.parse({
        procedure: "dk-central-unit",
        unit: "SKOLE-A",
        category: "school",
        needsConfirmation: true,
        complainant: { name: "Jonas Krogh", email: "jonas@example.dk" },
        subject: "Henvendelse om trivsel",
        description: "Forælderen var utilfreds ved et møde.",
      }),
    );
    const id = created.case.id;
    const token = await tokenIn(id, "/complaints/confirm/");
    const citizen = new WebClient(s.app);
    const page = await citizen.get(`/complaints/confirm/${token}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Do you want this handled as a formal complaint?");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");

    expect((await citizen.post(`/complaints/confirm/${token}`, { _csrf: "forged" })).statusCode).toBe(403);
    expect((await findCase(s.t.db.kysely, id))?.status).toBe("pending_confirmation");

    const done = await citizen.post(`/complaints/confirm/${token}?lang=en`, {
      _csrf: WebClient.token(page.body),
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain("is now handled as a formal complaint");
    expect((await findCase(s.t.db.kysely, id))?.status).toBe("received");
    const again = await citizen.get(`/complaints/confirm/${token}?lang=en`);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain("already been used");
  });

  it("keeps the tokens out of the logged path", () => {
    expect(pathOnly("/handler/klh_secret/documents/abc?x=1")).toBe("/handler/:token/documents/abc");
    expect(pathOnly("/complaints/confirm/klc_secret?lang=en")).toBe("/complaints/confirm/:token");
  });
});
