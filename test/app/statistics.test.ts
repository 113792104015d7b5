/**
 * Statistics on each database: counts, the on-time rate against the original due date, processing
 * time, the period and procedure filters, who may ask, and personnel cases never broken out for
 * those who may not see them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { registerCase } from "../../src/app/register-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { StatsQuery, type SubmitComplaintBody } from "../../src/app/schemas.js";
import { getStatistics } from "../../src/app/statistics.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { expectPerturbed } from "../support/perturbed.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

function complaint(patch: Partial<SubmitComplaintBody> = {}): SubmitComplaintBody {
  return {
    procedure: "dk-school",
    unit: "SKOLE-A",
    complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
    subject: "Mobning",
    description: "Min søn bliver mobbet.",
    category: "school_conduct",
    ...patch,
  };
}

describe.each(DIALECTS)("statistics (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });

  const stats = (actor: Actor, query: Record<string, string>) =>
    getStatistics(s.deps, actor, StatsQuery.parse({ from: "2026-03-01", to: "2026-03-31", ...query }));

  /** A school A complaint received Mon 2 March (reply due Wed 1 April), answered on `repliedAt`. */
  async function answered(repliedAt: string, delayTo?: string, rootCauses?: string[]): Promise<void> {
    const { actors } = s.org;
    s.deps.clock.set("2026-03-02T09:00:00.000Z");
    const id = (await submitComplaint(s.deps, complaint())).receipt.id;
    await runCaseCommand(s.deps, actors.receiver, id, "acknowledge", {});
    await runCaseCommand(s.deps, actors.receiver, id, "assign", {});
    if (delayTo) {
      s.deps.clock.set("2026-03-20T09:00:00.000Z");
      await runCaseCommand(s.deps, actors.leaderA, id, "notify-delay", {
        reason: "Vi venter på en udtalelse",
        newDueDate: delayTo,
      });
    }
    s.deps.clock.set(repliedAt);
    await runCaseCommand(s.deps, actors.leaderA, id, "submit-draft", { body: "Kære Mette" });
    await runCaseCommand(s.deps, actors.approver, id, "approve", {});
    await runCaseCommand(s.deps, actors.leaderA, id, "send-reply", {
      outcome: "upheld",
      ...(rootCauses ? { rootCauses } : {}),
    });
  }

  beforeAll(async () => {
    await answered("2026-03-12T10:00:00.000Z", undefined, ["communication", "guidance"]); // 10 days, on time
    await answered("2026-04-06T10:00:00.000Z", undefined, ["guidance"]); // 35 days, late
    // 39 days: in time for the date the delay notice set, late against the original 1 April
    await answered("2026-04-10T10:00:00.000Z", "2026-04-20");
    s.deps.clock.set("2026-03-03T09:00:00.000Z");
    for (let i = 0; i < 3; i++) await submitComplaint(s.deps, complaint({ unit: "SKOLE-B" }));
    await registerCase(s.deps, s.org.actors.receiver, {
      ...complaint({ category: "leadership" }),
      channel: "phone",
      source: "citizen",
      personComplainedAbout: s.org.people.leaderA.id,
      needsConfirmation: false,
    });
    s.deps.clock.set("2026-05-10T09:00:00.000Z");
    await submitComplaint(s.deps, complaint()); // outside the period
  });

  it("counts per unit with the on-time rate and processing time of the replies", async () => {
    const result = await stats(s.org.actors.admin, { groupBy: "unit" });
    expect(result).toMatchObject({
      total: 7,
      groups: [
        { key: "SKOLE-A", count: 4, replyOnTimeRate: 0.3333, medianDays: 35, p90Days: 39 },
        { key: "SKOLE-B", count: 3, replyOnTimeRate: null, medianDays: null, p90Days: null },
      ],
    });
    // today is 10 May: the open cases are past their reply's due date and count as missed
    expect(result.groups.map((g) => g.replyCompliance)).toEqual([
      { met: 1, metAfterDelayNotice: 1, missed: 2 },
      { met: 0, metAfterDelayNotice: 0, missed: 3 },
    ]);
  });

  it("groups by outcome, month, channel and category", async () => {
    const { admin } = s.org.actors;
    const byOutcome = await stats(admin, { groupBy: "outcome" });
    expect(byOutcome.groups.map((g) => [g.key, g.count])).toEqual([
      ["open", 4],
      ["upheld", 3],
    ]);
    expect((await stats(admin, { groupBy: "month" })).groups.map((g) => [g.key, g.count])).toEqual([
      ["2026-03", 7],
    ]);
    expect((await stats(admin, { groupBy: "channel" })).groups.map((g) => [g.key, g.count])).toEqual([
      ["api", 6],
      ["phone", 1],
    ]);
    expect((await stats(admin, { groupBy: "category" })).groups.map((g) => [g.key, g.count])).toEqual([
      ["leadership", 1],
      ["school_conduct", 6],
    ]);
    const may = await getStatistics(
      s.deps,
      admin,
      StatsQuery.parse({ from: "2026-05-01", to: "2026-05-31", groupBy: "unit" }),
    );
    expect(may.total).toBe(1);
    expect((await stats(admin, { procedure: "dk-employment" })).total).toBe(0);
  });

  it("breaks a personnel case out only for those who may see it", async () => {
    const { actors, people } = s.org;
    const byCategory = async (actor: Actor) =>
      (await stats(actor, { groupBy: "category" })).groups.map((g) => [g.key, g.count]);
    // the department manager manages the school leader the case is about
    expect(await byCategory(actors.manager)).toEqual([
      ["leadership", 1],
      ["school_conduct", 6],
    ]);
    // school B's leader, as a manager, may not see it: counted, but only as "other"
    const otherManager: Actor = { ...actors.leaderB, roles: ["manager"] };
    expect(await byCategory(otherManager)).toEqual([
      ["school_conduct", 6],
      ["other", 1],
    ]);
    expect(people.leaderB.roles).not.toContain("manager");
  });

  it("merges every group under five cases into other for analysts", async () => {
    const { analyst } = s.org.actors;
    const byUnit = await stats(analyst, { groupBy: "unit" });
    // the analyst's counts are perturbed (the cell key method), the rates are exact
    expect(byUnit).toMatchObject({
      groups: [{ key: "other", replyOnTimeRate: 0.3333, medianDays: 35, p90Days: 39 }],
    });
    expectPerturbed(byUnit.total, 7);
    expectPerturbed(byUnit.groups[0]?.count, 7);
    // leadership (1) alone in "other" could be had as 7 − 6: school conduct goes too
    const byCategory = await stats(analyst, { groupBy: "category" });
    expect(byCategory.groups.map((g) => g.key)).toEqual(["other"]);
    expectPerturbed(byCategory.groups[0]?.count, 7);
    expect((await stats(s.org.actors.admin, { groupBy: "category" })).groups.map((g) => g.count)).toEqual([
      1, 6,
    ]);
  });

  it("shows analysts a calendar year's small count by type, but not a shorter period's", async () => {
    const { analyst, admin } = s.org.actors;
    const year = { from: "2026-01-01", to: "2026-12-31", groupBy: "outcome" };
    expect((await stats(admin, year)).groups.map((g) => [g.key, g.count])).toEqual([
      ["open", 5],
      ["upheld", 3],
    ]);
    // the personnel case is counted under "other" and nowhere else; the rest is readable
    expect((await stats(analyst, year)).groups.map((g) => [g.key, g.count])).toEqual([
      ["open", 4],
      ["upheld", 3],
      ["other", 1],
    ]);
    const spring = await stats(analyst, { ...year, to: "2026-06-30" });
    expect(spring.groups.map((g) => g.key)).toEqual(["other"]);
    expectPerturbed(spring.groups[0]?.count, 8);
  });

  it("groups by two dimensions with array keys", async () => {
    const result = await stats(s.org.actors.admin, { groupBy: "unit,outcome" });
    expect(result.groups.map((g) => [g.key, g.count])).toEqual([
      [["SKOLE-A", "open"], 1],
      [["SKOLE-A", "upheld"], 3],
      [["SKOLE-B", "open"], 3],
    ]);
    expect(result.total).toBe(7);
    const byMonth = await stats(s.org.actors.admin, { groupBy: "category,month" });
    expect(byMonth.groups.map((g) => g.key)).toEqual([
      ["leadership", "2026-03"],
      ["school_conduct", "2026-03"],
    ]);
  });

  it("counts root causes per cause, age bands of open cases and deviations", async () => {
    const { admin } = s.org.actors;
    expect((await stats(admin, { groupBy: "rootCause" })).groups.map((g) => [g.key, g.count])).toEqual([
      ["communication", 1],
      ["guidance", 2],
      ["none", 5],
    ]);
    // received 2 and 3 March, today 10 May: 68 days
    expect((await stats(admin, { groupBy: "ageBand" })).groups.map((g) => [g.key, g.count])).toEqual([
      [">60", 4],
      ["closed", 3],
    ]);
    const byDeviation = (await stats(admin, { groupBy: "deviation" })).groups.map((g) => g.key);
    expect(byDeviation).toContain("none");
  });

  it("adds a baseline period's measures to each group", async () => {
    const result = await stats(s.org.actors.admin, {
      groupBy: "unit",
      baselineFrom: "2026-05-01",
      baselineTo: "2026-05-31",
    });
    expect(result.groups.map((g) => [g.key, g.count, g.baseline?.count])).toEqual([
      ["SKOLE-A", 4, 1],
      ["SKOLE-B", 3, 0],
    ]);
    expect(result.groups[0]?.baseline).toMatchObject({ replyOnTimeRate: null, medianDays: null });
  });

  it("refuses other roles and a period that ends before it starts", async () => {
    const { actors } = s.org;
    await expect(stats(actors.receiver, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(stats(actors.legal, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(stats(actors.admin, { from: "2026-04-01", to: "2026-03-01" })).rejects.toMatchObject({
      code: "invalid_input",
      details: { fieldErrors: [{ path: "to", message: expect.any(String) }] },
    });
  });
});
