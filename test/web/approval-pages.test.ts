/**
 * The case page offers exactly what a person can do now and says who is to approve (issue 7 points
 * 2 and 10): dk-abc's head of department, then the director; tasks held open until done or waived.
 */
import { describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import type { WebClient } from "../support/web-session.js";

const K = (local: string) => `${local}@kommune.example`;

describe.each(DIALECTS)("approval and required steps on the case page (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const { signedIn, personId } = demo;
  const act = async (client: WebClient, id: string, command: string, fields: Record<string, string> = {}) =>
    expect((await client.command(id, command, fields)).statusCode, command).toBe(303);
  const page = async (client: WebClient, id: string) => (await client.get(`/cases/${id}`)).body;

  it("dk-abc: A, B and C first (B waived), then the head of department and the director, in order", async () => {
    const { id } = (
      await submitComplaint(demo.deps, {
        procedure: "dk-abc",
        unit: "YDELSE",
        category: "case_handling",
        subject: "Forkert beregning",
        description: "Min ydelse er beregnet forkert.",
        complainant: { name: "Grethe Bang", phone: "+45 41 42 43 44", anonymous: false },
      })
    ).receipt;
    const receiver = await signedIn(K("modtager"));
    await act(receiver, id, "acknowledge");
    // acknowledged once: not offered again
    expect(await page(receiver, id)).not.toContain('id="action-acknowledge"');
    await act(receiver, id, "assign", { handler1: await personId(K("sagsbehandler.ydelse")), part1: "" });

    const handler = await signedIn(K("sagsbehandler.ydelse"));
    const open = await page(handler, id);
    expect(open).not.toContain('id="action-submit-draft"');
    expect(open).toContain('id="action-waive-task"');
    await act(handler, id, "record-contact", {
      channel: "phone",
      note: "Borgeren vil have en genberegning.",
    });
    await act(handler, id, "waive-task", { task: "b_gather", reason: "Ingen medarbejder involveret." });
    const waived = await page(handler, id);
    expect(waived).toMatch(/B: Saml den medarbejder[^<]*<\/strong>: Undladt/);
    expect(waived).toContain("Opgave undladt: B: Saml den medarbejder");
    await act(handler, id, "complete-task", { task: "c_get_back", note: "Ringet tilbage." });
    await act(handler, id, "submit-draft", { body: "Kære Grethe Bang\n\nVi har genberegnet …" });

    const drafted = await page(handler, id);
    expect(drafted).toContain("Afventer godkendelse (fagchef) fra: Bent Beskæftigelseschef");
    expect(drafted).not.toContain('id="action-approve"');
    const director = await signedIn(K("leder"));
    // the director's stage comes second: no button, and a posted approval is refused
    expect(await page(director, id)).not.toContain('id="action-approve"');
    expect((await director.command(id, "approve")).statusCode).toBe(403);

    const head = await signedIn(K("beskaeftigelseschef"));
    expect(await page(head, id)).toContain('id="action-approve"');
    await act(head, id, "approve");
    expect(await page(head, id)).not.toContain('id="action-approve"');
    const second = await page(director, id);
    expect(second).toContain("Afventer godkendelse (direktør) fra: Dorthe Direktør");
    expect(second).toContain('id="action-approve"');
    await act(director, id, "approve");
    const approved = await page(handler, id);
    expect(approved).toContain("Godkendt af: Bent Beskæftigelseschef, Dorthe Direktør");
    expect(approved).toContain('id="action-send-reply"');
  });
});
