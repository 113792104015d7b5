/**
 * Issue 7 points 2–4 over HTTP on the demo, on each database: one registry per command (the OpenAPI
 * document lists every registered body), allowedCommands per person and state, approval by the
 * person each stage names and in order (403 with the reason, nothing changed), and required steps.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CASE_COMMANDS } from "../../src/app/case-command.registry.js";
import { COMMANDS } from "../../src/domain/lifecycle.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

const K = (local: string) => `${local}@kommune.example`;

describe.each(DIALECTS)("case commands over HTTP (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  const as = (email: string) => ({ authorization: `Bearer ${demo.tokens[email]}` });
  const read = async (who: string, id: string) => {
    const res = await demo.app.inject({ url: `/api/v1/cases/${id}`, headers: as(who) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const run = (who: string, id: string, command: string, payload: object = {}) =>
    demo.app.inject({
      method: "POST",
      url: `/api/v1/cases/${id}/commands/${command}`,
      headers: as(who),
      payload,
    });
  const ok = async (who: string, id: string, command: string, payload: object = {}) => {
    const res = await run(who, id, command, payload);
    expect(res.statusCode, `${command} by ${who}: ${res.body}`).toBe(200);
    return res.json();
  };
  async function register(body: object, handler: string): Promise<string> {
    const res = await demo.app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: as(K("modtager")),
      payload: {
        complainant: { name: "Morten Storm", phone: "+45 31 32 33 34", email: "morten@example.dk" },
        subject: "Ingen ringede tilbage",
        description: "Jobcentret lovede at ringe tilbage, men det skete aldrig.",
        channel: "phone",
        ...body,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    await ok(K("modtager"), id, "assign", { handlers: [{ person: await demo.personId(handler) }] });
    return id;
  }

  it("the OpenAPI document has one operation per registered command, with the registry's body", async () => {
    const doc = (await demo.app.inject({ url: "/api/v1/openapi.json" })).json();
    expect(Object.keys(CASE_COMMANDS).sort()).toEqual([...COMMANDS].sort());
    expect(COMMANDS).toContain("waive-task");
    for (const name of COMMANDS) {
      const op = doc.paths[`/api/v1/cases/{id}/commands/${name}`]?.post;
      expect(op, name).toBeDefined();
      const schema = op.requestBody.content["application/json"].schema;
      const expected = z.toJSONSchema(CASE_COMMANDS[name].body, { target: "draft-2020-12", io: "input" });
      expect(Object.keys(schema.properties ?? {}).sort(), name).toEqual(
        Object.keys((expected as { properties?: object }).properties ?? {}).sort(),
      );
      expect(op.description).toBe(CASE_COMMANDS[name].summary);
    }
    const waive =
      doc.paths["/api/v1/cases/{id}/commands/waive-task"].post.requestBody.content["application/json"].schema;
    expect(waive.required.sort()).toEqual(["reason", "task"]);
  });

  it("allowedCommands: what this person can do now, by role, part, state and the procedure's rules", async () => {
    const id = await register(
      { procedure: "dk-school", unit: "SKOLE-A", category: "school_conduct" },
      K("skoleleder.a"),
    );
    const receiver = await read(K("modtager"), id);
    expect(receiver.allowedCommands).toContain("acknowledge");
    expect(receiver.allowedCommands).not.toContain("submit-draft");
    expect(receiver.allowedCommands).not.toContain("approve");
    // no reply (not even a redirect) before a draft is approved, for the coordinator neither
    expect((await read(K("koordinator"), id)).allowedCommands).not.toContain("send-reply");
    const henvist = await run(K("koordinator"), id, "send-reply", { outcome: "redirected" });
    expect([henvist.statusCode, henvist.json().reason]).toEqual([409, "draft_required"]);
    await ok(K("modtager"), id, "acknowledge");
    // never twice
    expect((await read(K("modtager"), id)).allowedCommands).not.toContain("acknowledge");

    const handler = await read(K("skoleleder.a"), id);
    expect(handler.allowedCommands).toContain("submit-draft");
    // no draft, no approval: no reply to send
    expect(handler.allowedCommands).not.toContain("send-reply");
    expect(handler.allowedCommands).not.toContain("approve");
    await ok(K("skoleleder.a"), id, "submit-draft", { body: "Kære Morten" });

    const drafter = await read(K("skoleleder.a"), id);
    expect(drafter.status).toBe("awaiting_approval");
    expect(drafter.allowedCommands).not.toContain("approve");
    expect(drafter.allowedCommands).not.toContain("send-reply");
    expect((await read(K("godkender"), id)).allowedCommands).toEqual(
      expect.arrayContaining(["approve", "return-draft"]),
    );
    expect(drafter.expectedApproval.stage).toBe("leader with decision authority");
    const names = drafter.expectedApproval.people.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(["Anne Godkender", "Mads Skolechef", "Dorthe Direktør"]));
    expect(names).not.toContain("Lise Skovgaard"); // the drafter
    expect(names).not.toContain("Bent Beskæftigelseschef");

    // the drafter and the employment head are refused, and nothing changes
    expect((await run(K("skoleleder.a"), id, "approve")).statusCode).toBe(409);
    const wrong = await run(K("beskaeftigelseschef"), id, "approve");
    expect(wrong.statusCode).toBe(403);
    expect(wrong.headers["content-type"]).toContain("application/problem+json");
    const after = await read(K("skoleleder.a"), id);
    expect([after.version, after.draft.approvals]).toEqual([drafter.version, []]);

    await ok(K("godkender"), id, "approve");
    const approved = await read(K("skoleleder.a"), id);
    expect(approved.allowedCommands).toContain("send-reply");
    expect(approved.expectedApproval).toBeNull();
  });

  it("dk-abc: A by the phone call, B waived, C done; then the head of department and the director in order", async () => {
    const job = K("sagsbehandler.job");
    const id = await register({ procedure: "dk-abc", unit: "JOBCENTER", category: "service_level" }, job);
    const fresh = await read(job, id);
    expect(fresh.tasks.map((x: { key: string }) => x.key)).toEqual(["a_contact", "b_gather", "c_get_back"]);
    expect(fresh.allowedCommands).toEqual(
      expect.arrayContaining(["record-contact", "complete-task", "waive-task"]),
    );
    expect(fresh.allowedCommands).not.toContain("submit-draft");
    const early = await run(job, id, "submit-draft", { body: "Kære Morten" });
    expect(early.statusCode).toBe(409);
    expect(early.json().reason).toBe("tasks_required");

    demo.clock.set("2026-03-02T10:00:00Z");
    const called = await ok(job, id, "record-contact", {
      channel: "phone",
      at: "2026-03-02T09:30:00Z",
      note: "Borgeren vil gerne ringes op af jobkonsulenten.",
    });
    expect(called.tasks[0]).toMatchObject({
      key: "a_contact",
      note: "Borgeren vil gerne ringes op af jobkonsulenten.",
    });
    expect(called.tasks[0].doneAt).not.toBeNull();
    expect(called.journal.map((e: { title: string }) => e.title)).toContain("Task done: a_contact");

    const noReason = await run(job, id, "waive-task", { task: "b_gather" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors.map((e: { path: string }) => e.path)).toEqual(["reason"]);
    const waived = await ok(job, id, "waive-task", {
      task: "b_gather",
      reason: "Medarbejderen er fratrådt.",
    });
    expect(waived.tasks[1]).toMatchObject({
      key: "b_gather",
      waived: true,
      note: "Medarbejderen er fratrådt.",
    });
    expect(waived.journal.map((e: { title: string }) => e.title)).toContain("Task waived: b_gather");
    expect((await run(job, id, "submit-draft", { body: "Kære Morten" })).statusCode).toBe(409);
    await ok(job, id, "complete-task", { task: "c_get_back", note: "Ringet tilbage." });
    const drafted = await ok(job, id, "submit-draft", { body: "Kære Morten" });
    expect(drafted.status).toBe("awaiting_approval");
    expect(drafted.expectedApproval).toEqual({
      stage: "head of department",
      index: 0,
      people: [{ id: await demo.personId(K("beskaeftigelseschef")), name: "Bent Beskæftigelseschef" }],
    });
    expect((await read(K("leder"), id)).allowedCommands).not.toContain("approve");
    expect((await read(K("beskaeftigelseschef"), id)).allowedCommands).toContain("approve");

    // the director first: the wrong order, refused with the reason, nothing changed
    const tooEarly = await run(K("leder"), id, "approve");
    expect(tooEarly.statusCode).toBe(403);
    expect(tooEarly.headers["content-type"]).toContain("application/problem+json");
    expect(tooEarly.json().detail).toContain("head of department");
    expect(tooEarly.json().detail).toContain("Bent Beskæftigelseschef");
    expect((await run(K("godkender"), id, "approve")).statusCode).toBe(403);
    const unchanged = await read(job, id);
    expect([unchanged.version, unchanged.draft.approvals, unchanged.journal.length]).toEqual([
      drafted.version,
      [],
      drafted.journal.length,
    ]);

    await ok(K("beskaeftigelseschef"), id, "approve");
    const second = await read(job, id);
    expect(second.expectedApproval).toMatchObject({
      stage: "director",
      people: [{ name: "Dorthe Direktør" }],
    });
    // (an informal resolution by the phone call would still be open to the handler: dk-abc allows it)
    expect(second.allowedCommands).not.toContain("approve");
    const twice = await run(K("beskaeftigelseschef"), id, "approve");
    expect([twice.statusCode, twice.json().reason]).toEqual([409, "four_eyes"]);
    await ok(K("leder"), id, "approve");
    const done = await read(job, id);
    expect(done.draft.approvals.map((a: { stage: string }) => a.stage)).toEqual([
      "head of department",
      "director",
    ]);
    expect(done.allowedCommands).toContain("send-reply");
    expect((await ok(job, id, "send-reply", { outcome: "upheld" })).status).toBe("answered");
  });
});
