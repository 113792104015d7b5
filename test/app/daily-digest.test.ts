/**
 * The daily digest (decision 0021), once per dialect: from 07:00 in the organisation's time zone a
 * handler with a due case gets one e-mail listing the reference, what is due and when — no case
 * content — delivered over a real SMTP server; a second run and two runs at once make no second one
 * that day; someone with nothing due gets none; someone who turned it off gets none; before the hour
 * nothing happens. `klara mail digest` says one line per outcome; serve's job runs it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/app/create-token.js";
import { sendDailyDigests } from "../../src/app/daily-digest.js";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { notificationSettings, saveNotificationSettings } from "../../src/app/notifications-settings.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { mailDigest } from "../../src/cli/digest-command.js";
import { readConfig } from "../../src/config.js";
import { findCase } from "../../src/db/case.repository.js";
import { startJobs } from "../../src/jobs/runner.js";
import { smtpSender } from "../../src/jobs/smtp-sender.js";
import { useDemoWeb } from "../support/demo-web.js";
import { schoolComplaint, useSeededDb } from "../support/seeded-db.js";
import { startSmtp, type TestSmtp } from "../support/smtp.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

// Monday 2 March 2026, 06:30 in Copenhagen: before the digest's hour
const EARLY = "2026-03-02T05:30:00.000Z";

const complaint = schoolComplaint();

describe("the digest's hour", () => {
  it("is KLARA_DIGEST_HOUR, 7 by default, an hour of the day or refused naming the variable", () => {
    expect(readConfig({}).digestHour).toBe(7);
    expect(readConfig({ KLARA_DIGEST_HOUR: "6" }).digestHour).toBe(6);
    expect(() => readConfig({ KLARA_DIGEST_HOUR: "24" })).toThrow(/KLARA_DIGEST_HOUR/);
  });
});

describe.each(DIALECTS)("the daily digest (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, EARLY);
  let smtp: TestSmtp;
  let reference: string;
  let caseId: string;

  const digestRows = async (personEmail: string) =>
    s.deps.db.kysely
      .selectFrom("outbox")
      .selectAll()
      .where("kind", "=", "digest")
      .where("recipient_address", "=", personEmail)
      .orderBy("created_at")
      .execute();

  beforeAll(async () => {
    smtp = await startSmtp();
    const { receipt } = await submitComplaint(s.deps, complaint);
    await runCaseCommand(s.deps, s.org.actors.receiver, receipt.id, "assign", {});
    reference = receipt.reference;
    caseId = receipt.id;
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it("waits for the organisation's hour", async () => {
    const r = await sendDailyDigests(s.deps, { fromHour: 7 });
    expect(r).toMatchObject({ sent: 0, empty: 0, waiting: 1 });
    expect(await digestRows(s.org.people.leaderA.email)).toHaveLength(0);
  });

  it("sends the handler their due cases once that day, with reference and due date only; nothing to who has nothing", async () => {
    const c = await findCase(s.deps.db.kysely, caseId);
    expect(c?.handlers.map((h) => h.personId)).toEqual([s.org.people.leaderA.id]);
    // a week and a half later (10:00 in Copenhagen): the acknowledgement is overdue
    s.deps.clock.set("2026-03-12T09:00:00.000Z");
    const first = await sendDailyDigests(s.deps, { fromHour: 7 });
    expect(first.waiting).toBe(0);
    expect(first.outcomes).toContainEqual({
      organisationId: s.org.organisation.id,
      personId: s.org.people.leaderA.id,
      outcome: "sent",
      items: expect.any(Number),
    });
    // the analyst handles nothing: a run is recorded, no e-mail
    expect(first.outcomes).toContainEqual(
      expect.objectContaining({ personId: s.org.people.analyst.id, outcome: "empty", items: 0 }),
    );
    expect(await digestRows(s.org.people.analyst.email)).toHaveLength(0);

    const second = await sendDailyDigests(s.deps, { fromHour: 7 });
    expect(second).toMatchObject({ sent: 0, empty: 0, already: 0 });
    const rows = await digestRows(s.org.people.leaderA.email);
    expect(rows).toHaveLength(1);

    const sender = smtpSender(smtp.url);
    await deliverMail(s.deps, { sender, from: '"Test Kommune" <klager@kommune.example>' }).finally(() =>
      sender.close(),
    );
    const mail = smtp.received.find((m) => m.subject?.startsWith("Klara: dine sager med frist"));
    expect(mail?.subject).toBe("Klara: dine sager med frist (12. marts 2026)");
    expect(mail?.text).toContain("Overskredet:");
    expect(mail?.text).toMatch(new RegExp(`- ${reference}: kvittering, \\d+\\. marts 2026`));
    expect(mail?.text).toContain("/work");
    // no case content: neither the subject, the complaint, nor the complainant
    for (const secret of ["Mobning", "mobbet", "Mette", "mette@example.dk"])
      expect(mail?.text).not.toContain(secret);
  });

  it("two runs at once make one digest", async () => {
    s.deps.clock.set("2026-03-13T09:00:00.000Z");
    const [a, b] = await Promise.all([
      sendDailyDigests(s.deps, { fromHour: 7 }),
      sendDailyDigests(s.deps, { fromHour: 7 }),
    ]);
    const leader = [...a.outcomes, ...b.outcomes].filter((o) => o.personId === s.org.people.leaderA.id);
    expect(leader.filter((o) => o.outcome === "sent")).toHaveLength(1);
    expect(await digestRows(s.org.people.leaderA.email)).toHaveLength(2); // 12 and 13 March
  });

  it("is not sent to someone who turned it off in the notification settings", async () => {
    const actor = s.org.actors.leaderA;
    expect(await notificationSettings(s.deps, actor)).toEqual({ email: true, digest: true });
    expect(await saveNotificationSettings(s.deps, actor, { email: true, digest: false })).toEqual({
      email: true,
      digest: false,
    });
    // the e-mail choice alone keeps the digest choice
    await saveNotificationSettings(s.deps, actor, { email: false });
    expect(await notificationSettings(s.deps, actor)).toEqual({ email: false, digest: false });
    s.deps.clock.set("2026-03-16T09:00:00.000Z");
    const r = await sendDailyDigests(s.deps, { fromHour: 7 });
    expect(r.outcomes.some((o) => o.personId === actor.personId)).toBe(false);
    expect(await digestRows(s.org.people.leaderA.email)).toHaveLength(2);
    await saveNotificationSettings(s.deps, actor, { email: true, digest: true });
  });

  it("serve's job makes the day's digest on its tick", async () => {
    s.deps.clock.set("2026-03-17T09:00:00.000Z");
    const lines: object[] = [];
    const log = { info: (d: object) => lines.push(d), error: (d: object) => lines.push(d) };
    const jobs = startJobs(s.deps, { intervalMs: 3_600_000, log, digest: { fromHour: 7 } });
    await jobs.stop();
    expect(await digestRows(s.org.people.leaderA.email)).toHaveLength(3);
    expect(lines).toContainEqual(expect.objectContaining({ job: "daily-digest", sent: expect.any(Number) }));
    expect(JSON.stringify(lines)).not.toContain("@");
  });

  it("klara mail digest says one line per outcome", async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l) };
    s.deps.clock.set("2026-03-18T09:00:00.000Z");
    expect(await mailDigest(s.deps, io)).toBe(0);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^Daily digest: [1-9]\d* queued for e-mail/);
    expect(out[1]).toMatch(/^Daily digest: \d+ with nothing due/);
    expect(out[2]).toBe("Daily digest: 0 already made today by another run.");
    out.length = 0;
    expect(await mailDigest(s.deps, io)).toBe(0);
    expect(out[0]).toBe("Daily digest: 0 queued for e-mail (deliver with klara mail deliver).");
  });
});

describe.each(DIALECTS)("the digest choice on the notifications page (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  it("shows the choice checked by default and saves it with the CSRF token", async () => {
    const client = await demo.signedIn("behandler@kommune.example");
    const page = await client.get("/notifications");
    expect(page.body).toMatch(/name="digest" value="yes"[^>]* checked/);
    const saved = await client.post("/notifications/settings", {
      _csrf: WebClient.token(page.body),
      email: "yes",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toMatch(/name="email" value="yes"[^>]* checked/);
    expect(saved.body).not.toMatch(/name="digest" value="yes"[^>]* checked/);
    const row = await demo.t.db.kysely
      .selectFrom("notification_settings")
      .select(["email", "digest"])
      .where("person_id", "=", await demo.personId("behandler@kommune.example"))
      .executeTakeFirstOrThrow();
    expect([Number(row.email), Number(row.digest)]).toEqual([1, 0]);
    // without the token nothing is saved
    expect((await client.post("/notifications/settings", { digest: "yes" })).statusCode).toBe(403);
  });

  it("is in GET/PUT /api/v1/notification-settings: omitted in a PUT it stays, a wrong type is a 400 naming it", async () => {
    const headers = {
      authorization: `Bearer ${await createToken(demo.deps, "sagsbehandler.job@kommune.example")}`,
    };
    const get = () => demo.app.inject({ url: "/api/v1/notification-settings", headers });
    const put = (payload: object) =>
      demo.app.inject({ method: "PUT", url: "/api/v1/notification-settings", headers, payload });
    expect((await get()).json()).toEqual({ email: true, digest: true });
    const off = await put({ email: true, digest: false });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({ email: true, digest: false });
    expect((await put({ email: false })).json()).toEqual({ email: false, digest: false });
    expect((await get()).json()).toEqual({ email: false, digest: false });
    const bad = await put({ email: true, digest: "no" });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors[0].path).toBe("digest");
    expect((await demo.app.inject({ url: "/api/v1/notification-settings" })).statusCode).toBe(401);
  });
});
