/**
 * Notifications people can see (issue 8 point 5): the person's own list with an unread count that
 * drops when one is opened, the e-mail through the outbox unless the person opted out, the
 * no-workplace general manager told of a public complaint, nothing leaked of a case the person may
 * not see, and the API's 401/403. Both databases.
 */
import { describe, expect, it } from "vitest";
import { insertNotifications } from "../../src/db/outbox.repository.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

const K = (local: string) => `${local}@kommune.example`;

describe.each(DIALECTS)("notifications (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  const as = (email: string) => ({ authorization: `Bearer ${demo.tokens[email]}` });
  const mine = async (email: string) => {
    const res = await demo.app.inject({ url: "/api/v1/notifications", headers: as(email) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      unread: number;
      items: {
        id: string;
        kind: string;
        message: string | null;
        caseId: string | null;
        reference: string | null;
        readAt: string | null;
      }[];
    };
  };
  const registerAndAssign = async (handler: string) => {
    const res = await demo.app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: as(K("modtager")),
      payload: {
        procedure: "dk-employment",
        unit: "JOBCENTER",
        channel: "phone",
        complainant: { name: "Morten Storm", phone: "+45 31 32 33 34" },
        subject: "Ingen ringede tilbage",
        description: "Jobcentret lovede at ringe tilbage, men det skete aldrig.",
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const assigned = await demo.app.inject({
      method: "POST",
      url: `/api/v1/cases/${id}/commands/assign`,
      headers: as(K("koordinator")),
      payload: { handlers: [{ person: await demo.personId(handler) }] },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    return { id, reference: res.json().reference as string };
  };
  const notificationMails = async (email: string) =>
    demo.t.db.kysely
      .selectFrom("outbox")
      .select(["subject", "body", "state"])
      .where("kind", "=", "notification")
      .where("recipient_address", "=", email)
      .execute();

  it("tells the handler of an assignment; the unread count drops when it is opened", async () => {
    const handler = K("sagsbehandler.job");
    const before = await mine(handler);
    const c = await registerAndAssign(handler);
    const after = await mine(handler);
    expect(after.unread).toBe(before.unread + 1);
    const n = after.items.find((x) => x.caseId === c.id)!;
    expect(n).toMatchObject({ kind: "assigned", caseId: c.id, reference: c.reference, readAt: null });
    expect(n.message).toContain(c.reference);

    const opened = await demo.app.inject({
      method: "POST",
      url: `/api/v1/notifications/${n.id}/read`,
      headers: as(handler),
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ id: n.id, caseId: c.id });
    expect(opened.json().readAt).not.toBeNull();
    const read = await mine(handler);
    expect(read.unread).toBe(before.unread);
    expect(read.items.find((x) => x.id === n.id)?.readAt).not.toBeNull();
    // and by e-mail (on by default), naming only what happened and the reference
    const mails = await notificationMails(handler);
    expect(mails.some((m) => m.subject?.includes(c.reference) && m.state === "queued")).toBe(true);
    expect(mails.every((m) => !m.body?.includes("Ingen ringede"))).toBe(true);
  });

  it("asks the stage's approvers to approve a draft and tells the drafter it was returned", async () => {
    const handler = K("sagsbehandler.job");
    const chief = K("beskaeftigelseschef");
    const c = await registerAndAssign(handler);
    const cmd = (who: string, command: string, payload: object) =>
      demo.app.inject({
        method: "POST",
        url: `/api/v1/cases/${c.id}/commands/${command}`,
        headers: as(who),
        payload,
      });
    const drafted = await cmd(handler, "submit-draft", { body: "Vi beklager." });
    expect(drafted.statusCode, drafted.body).toBe(200);
    const asked = (await mine(chief)).items.find((n) => n.caseId === c.id);
    expect(asked).toMatchObject({ kind: "approval_requested", reference: c.reference });
    // not the drafter
    expect(
      (await mine(handler)).items.some((n) => n.kind === "approval_requested" && n.caseId === c.id),
    ).toBe(false);
    const returned = await cmd(chief, "return-draft", { reason: "Skriv hvornår vi ringer." });
    expect(returned.statusCode, returned.body).toBe(200);
    expect((await mine(handler)).items.find((n) => n.kind === "returned" && n.caseId === c.id)).toMatchObject(
      {
        caseId: c.id,
        message: "Skriv hvornår vi ringer.",
      },
    );
    // the e-mail carries the kind and reference, not the reason
    const mails = await notificationMails(handler);
    expect(mails.some((m) => m.subject?.includes("retur") && m.subject.includes(c.reference))).toBe(true);
    expect(mails.every((m) => !m.body?.includes("ringer"))).toBe(true);
  });

  it("sends no e-mail to a person who opted out, but still lists the notification", async () => {
    const handler = K("sagsbehandler.ydelse");
    const set = await demo.app.inject({
      method: "PUT",
      url: "/api/v1/notification-settings",
      headers: as(handler),
      payload: { email: false },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(
      (await demo.app.inject({ url: "/api/v1/notification-settings", headers: as(handler) })).json(),
    ).toEqual({
      email: false,
      digest: true,
    });
    const c = await registerAndAssign(handler);
    expect((await mine(handler)).items.find((n) => n.reference === c.reference)).toMatchObject({
      kind: "assigned",
    });
    // the demo's earlier assignments (before the opt-out) were mailed; this one is not
    expect((await notificationMails(handler)).filter((m) => m.subject?.includes(c.reference))).toEqual([]);
  });

  it("tells no-workplace's general manager of a public complaint", async () => {
    const res = await demo.app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: {
        procedure: "no-workplace",
        source: "customer",
        subject: "Levering",
        description: "Varene kom for sent.",
        complainant: { name: "Kari Nordmann", email: "kari@example.no" },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const gm = await mine("daglig.leder@asvo.example");
    expect(gm.items.find((n) => n.caseId === id)).toMatchObject({ kind: "new_complaint" });
    expect(await notificationMails("daglig.leder@asvo.example")).not.toEqual([]);
  });

  it("shows nothing of a personnel case the person may not see", async () => {
    const c = await demo.t.db.kysely
      .selectFrom("cases")
      .select(["id", "reference", "organisation_id"])
      .where("confidentiality", "=", "personnel")
      .where("subject", "=", "Skolelederens håndtering af et forældremøde")
      .executeTakeFirstOrThrow();
    // the school leader it is about (e.g. told before it was found to concern them)
    const leader = K("skoleleder.a");
    const notificationId = "n-personnel-test";
    await insertNotifications(demo.t.db.kysely, [
      {
        id: notificationId,
        organisationId: c.organisation_id,
        personId: await demo.personId(leader),
        caseId: c.id,
        kind: "deadline_reminder",
        message: `${c.reference}: Skolelederen afbrød forældrene`,
        createdAt: "2026-03-02T09:30:00.000Z",
      },
    ]);
    const res = await demo.app.inject({ url: "/api/v1/notifications", headers: as(leader) });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(c.reference);
    expect(res.body).not.toContain(c.id);
    expect(res.body).not.toContain("afbrød");
    expect(res.json().items.find((n: { id: string }) => n.id === notificationId)).toMatchObject({
      kind: "deadline_reminder",
      message: null,
      caseId: null,
      reference: null,
    });
    const opened = await demo.app.inject({
      method: "POST",
      url: `/api/v1/notifications/${notificationId}/read`,
      headers: as(leader),
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).not.toContain(c.reference);
    // its handler sees it
    const head = await mine(K("skolechef"));
    expect(head.items.some((n) => n.reference === c.reference)).toBe(true);
  });

  it("answers 401 without a token and 403 for someone else's notification", async () => {
    expect((await demo.app.inject({ url: "/api/v1/notifications" })).statusCode).toBe(401);
    const other = (await mine(K("sagsbehandler.job"))).items[0]!;
    const res = await demo.app.inject({
      method: "POST",
      url: `/api/v1/notifications/${other.id}/read`,
      headers: as(K("behandler")),
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const unknown = await demo.app.inject({
      method: "POST",
      url: "/api/v1/notifications/nope/read",
      headers: as(K("behandler")),
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await demo.app.inject({
      method: "PUT",
      url: "/api/v1/notification-settings",
      headers: as(K("behandler")),
      payload: { email: "yes" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe("email");
  });
});
