/**
 * Letters for print over the API, on the demo and each database: the list (on the cases the caller
 * may see, with the PDF's path), marking one posted (journalised, 409 the second time, 403 on a case
 * the caller may not see, 404 for an unknown letter, 401 without a token), and the case's own list of
 * letters then says "printed".
 */
import { describe, expect, it } from "vitest";
import { journalOf } from "../../src/db/case.repository.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

const K = (local: string) => `${local}@kommune.example`;

interface Listed {
  id: string;
  caseId: string;
  reference: string;
  letter: string;
  recipientAddress: string | null;
  pdf: string;
}

describe.each(DIALECTS)("letters for print over the API (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  const as = (email: string) => ({ authorization: `Bearer ${demo.tokens[email]}` });
  const list = async (email: string) => {
    const res = await demo.app.inject({ url: "/api/v1/letters/for-print", headers: as(email) });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { letters: Listed[] }).letters;
  };

  it("lists the letters for print on the cases the caller may see, and marks one posted once", async () => {
    const admin = await list(K("admin"));
    expect(admin.length).toBeGreaterThan(5);
    for (const l of admin) expect(l.recipientAddress ?? "").not.toContain("@");
    const first = admin.find((l) => l.letter === "acknowledgement")!;
    expect(first.pdf).toBe(`/cases/${first.caseId}/letters/${first.id}/pdf`);

    const posted = await demo.app.inject({
      method: "POST",
      url: `/api/v1/letters/${first.id}/posted`,
      headers: as(K("admin")),
    });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json()).toEqual({ caseId: first.caseId, reference: first.reference });
    expect((await list(K("admin"))).map((l) => l.id)).not.toContain(first.id);
    const entry = (await journalOf(demo.t.db.kysely, first.caseId)).at(-1)!;
    expect(entry.kind).toBe("letter_posted");
    const detail = await demo.app.inject({ url: `/api/v1/cases/${first.caseId}`, headers: as(K("admin")) });
    const letters = (detail.json() as { letters: { state: string; subject: string }[] }).letters;
    expect(letters.some((l) => l.state === "printed")).toBe(true);

    const again = await demo.app.inject({
      method: "POST",
      url: `/api/v1/letters/${first.id}/posted`,
      headers: as(K("admin")),
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses who may not see the case, an unknown letter, and no token", async () => {
    const admin = await list(K("admin"));
    const mine = new Set((await list(K("sagsbehandler.ydelse"))).map((l) => l.id));
    const hidden = admin.find((l) => !mine.has(l.id));
    expect(hidden).toBeDefined();
    const refused = await demo.app.inject({
      method: "POST",
      url: `/api/v1/letters/${hidden!.id}/posted`,
      headers: as(K("sagsbehandler.ydelse")),
    });
    expect(refused.statusCode).toBe(403);
    const unknown = await demo.app.inject({
      method: "POST",
      url: "/api/v1/letters/no-such-letter/posted",
      headers: as(K("admin")),
    });
    expect(unknown.statusCode).toBe(404);
    expect((await demo.app.inject({ url: "/api/v1/letters/for-print" })).statusCode).toBe(401);
    expect(
      (await demo.app.inject({ url: "/api/v1/letters/for-print", headers: as(K("analytiker")) })).statusCode,
    ).toBe(403);
  });
});
