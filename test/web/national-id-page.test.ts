/** The case page shows the complainant's national id masked, never in full (issue 10 point 6). */
import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("the national id on the case page (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  it("is masked for the case worker", async () => {
    const row = await demo.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("subject", "=", "Klage over stop af kontanthjælp")
      .executeTakeFirstOrThrow();
    const client = await demo.signedIn("sagsbehandler.ydelse@kommune.example");
    const page = await client.get(`/cases/${row.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("CPR-nr. 010190-****");
    expect(page.body).not.toContain("010190-1234");
    expect(page.body).not.toContain("0101901234");
  });
});
