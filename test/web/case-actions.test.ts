import { describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("the case page's actions (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const { signedIn, personId } = demo;

  const act = async (client: WebClient, id: string, command: string, fields: Record<string, string> = {}) =>
    expect((await client.command(id, command, fields)).statusCode, command).toBe(303);
  const newComplaint = async (
    subject: string,
    attachments: { filename: string; content: Uint8Array }[] = [],
  ) =>
    (
      await submitComplaint(
        demo.deps,
        {
          procedure: "dk-school",
          unit: "SKOLE-A",
          category: "school_conduct",
          subject,
          description: "Min søn bliver mobbet.",
          complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
        },
        { attachments },
      )
    ).receipt;

  it("assigns two named handlers; the coordinator's reply starts from both parts", async () => {
    const { id } = await newComplaint("To dele");
    const coordinator = await signedIn("koordinator@kommune.example");
    await act(coordinator, id, "acknowledge");
    const [a, b] = [
      await personId("behandler@kommune.example"),
      await personId("sagsbehandler.job@kommune.example"),
    ];
    await act(coordinator, id, "assign", {
      handler1: a,
      part1: "Mobningen",
      handler2: b,
      part2: "Skolebussen",
    });
    const handlers = await demo.t.db.kysely
      .selectFrom("case_handlers")
      .select(["person_id", "part"])
      .where("case_id", "=", id)
      .orderBy("position")
      .execute();
    expect(handlers).toEqual([
      { person_id: a, part: "Mobningen" },
      { person_id: b, part: "Skolebussen" },
    ]);
    await act(await signedIn("behandler@kommune.example"), id, "submit-draft", {
      body: "Vi har talt med klassen.",
    });
    await act(await signedIn("sagsbehandler.job@kommune.example"), id, "submit-draft", {
      body: "Bussen kører igen.",
    });
    const page = await coordinator.get(`/cases/${id}`);
    expect(page.body).toContain("Svar på delen");
    expect(page.body).toMatch(
      /id="submit-draft-body"[^>]*>Mobningen\n\nVi har talt med klassen\.\n\nSkolebussen\n\nBussen kører igen\.<\/textarea>/,
    );
  });

  it("links two cases by reference and shows the link on both", async () => {
    const first = await newComplaint("Første");
    const second = await newComplaint("Anden");
    const coordinator = await signedIn("koordinator@kommune.example");
    const token = WebClient.token((await coordinator.get(`/cases/${first.id}`)).body);
    const forged = await coordinator.post(`/cases/${first.id}/commands/link`, {
      _csrf: "x",
      case: second.reference,
      lead: "false",
    });
    expect(forged.statusCode).toBe(403);
    const unknown = await coordinator.post(`/cases/${first.id}/commands/link`, {
      _csrf: token,
      case: "KLA-2026-999999",
      lead: "false",
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('id="error-summary"');
    await act(coordinator, first.id, "link", { case: second.reference.toLowerCase(), lead: "false" });
    expect((await coordinator.get(`/cases/${first.id}`)).body).toContain(
      `<a href="/cases/${second.id}">${second.reference}</a>`,
    );
    expect((await coordinator.get(`/cases/${second.id}`)).body).toContain(
      `<a href="/cases/${first.id}">${first.reference}</a>`,
    );
  });

  it("shows the approver the draft and the documents, and counts down to each deadline", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
    const { id } = await newComplaint("Med bilag", [{ filename: "referat.pdf", content: pdf }]);
    const receiver = await signedIn("modtager@kommune.example");
    const fresh = await receiver.get(`/cases/${id}`);
    // received Monday 2 March: acknowledgement due Thursday 5 March, three days from now
    expect(fresh.body).toContain("om 3 dage");
    // each deadline says how it was computed, in Danish
    expect(fresh.body).toContain("<td>modtaget man. 2. mar. 2026; + 3 dage = tors. 5. mar. 2026</td>");
    // what the law requires next, at the top
    expect(fresh.body).toContain(
      "<strong>Næste: Kvittering for modtagelse senest tors. den 5. marts 2026 (om 3 dage)</strong>",
    );
    expect(fresh.body).toContain("Hent referat.pdf");
    await act(receiver, id, "acknowledge");
    await act(receiver, id, "assign");
    await act(await signedIn("skoleleder.a@kommune.example"), id, "submit-draft", { body: "Kære Karen <3" });
    const approver = await signedIn("godkender@kommune.example");
    const page = await approver.get(`/cases/${id}`);
    expect(page.body).toContain("Kære Karen &lt;3");
    expect(page.body).toContain('id="action-approve"');
    await act(approver, id, "return-draft", { reason: "Mere konkret, tak." });
    expect((await approver.get(`/cases/${id}`)).body).toContain("Sidst sendt retur: Mere konkret, tak.");
  });
});
