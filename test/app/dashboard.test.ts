/**
 * The dashboard's use case on each database, on a hand-built set of cases: every figure is what
 * `getStatistics` answers, the list behind a figure holds as many cases as the figure (those not
 * shown to a manager are counted under the list), the unit filter, the appeals board's target band
 * (stored, validated, procedure over organisation over default) and the charts' SVG.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { AppealsTargetInput, setAppealsTarget } from "../../src/app/appeals-target.js";
import { getDashboard } from "../../src/app/dashboard.js";
import { dashboardChartSvg } from "../../src/app/dashboard-charts.js";
import { countListedCases, listCases } from "../../src/app/list-cases.js";
import { registerCase } from "../../src/app/register-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { ListCasesQuery, StatsQuery, type SubmitComplaintBody } from "../../src/app/schemas.js";
import { getStatistics } from "../../src/app/statistics.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { KlaraError } from "../../src/domain/errors.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";
import { assertWellFormedXml } from "../support/yearly-report-check.js";

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

const PERIOD = { from: "2026-01-01", to: "2026-03-02" };

describe.each(DIALECTS)("the dashboard's numbers (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });
  /** school B's leader as a manager: sees school B's cases, not school A's nor the personnel case */
  let narrowManager: Actor;

  const stats = (actor: Actor, groupBy: string, extra: Record<string, string> = {}) =>
    getStatistics(s.deps, actor, StatsQuery.parse({ ...PERIOD, groupBy, ...extra }));
  const listed = async (actor: Actor, filter: Record<string, string>) =>
    countListedCases(
      s.deps,
      actor,
      ListCasesQuery.parse({ receivedFrom: PERIOD.from, receivedTo: PERIOD.to, ...filter }),
    );

  beforeAll(async () => {
    narrowManager = { ...s.org.actors.leaderB, roles: ["manager"] };
    const { actors } = s.org;
    const ids: string[] = [];
    s.deps.clock.set("2026-01-15T09:00:00.000Z");
    for (let i = 0; i < 2; i++) ids.push((await submitComplaint(s.deps, complaint())).receipt.id);
    ids.push(
      (await submitComplaint(s.deps, complaint({ unit: "SKOLE-B", category: "administration_conduct" })))
        .receipt.id,
    );
    // one January case answered on 26 January (upheld)
    const first = ids[0]!;
    await runCaseCommand(s.deps, actors.receiver, first, "acknowledge", {});
    await runCaseCommand(s.deps, actors.receiver, first, "assign", {});
    s.deps.clock.set("2026-01-26T10:00:00.000Z");
    await runCaseCommand(s.deps, actors.leaderA, first, "submit-draft", { body: "Kære Mette" });
    await runCaseCommand(s.deps, actors.approver, first, "approve", {});
    await runCaseCommand(s.deps, actors.leaderA, first, "send-reply", { outcome: "upheld" });
    s.deps.clock.set("2026-02-10T09:00:00.000Z");
    for (let i = 0; i < 3; i++)
      ids.push((await submitComplaint(s.deps, complaint({ unit: "SKOLE-B" }))).receipt.id);
    await registerCase(s.deps, actors.receiver, {
      ...complaint({ category: "leadership" }),
      channel: "phone",
      source: "citizen",
      personComplainedAbout: s.org.people.leaderA.id,
      needsConfirmation: false,
    });
    // two decision complaints through reassessment to the appeals board: one upheld, one changed
    for (const result of ["upheld", "changed"]) {
      const { receipt } = await submitComplaint(s.deps, {
        ...complaint({ procedure: "dk-employment", unit: "JOBCENTER", category: "job_centre" }),
        decision: { date: "2026-02-02", reference: "J-2026-17", area: "kontanthjælp", fastTrack: false },
      });
      const id = receipt.id;
      await runCaseCommand(s.deps, actors.receiver, id, "acknowledge", {});
      await runCaseCommand(s.deps, actors.receiver, id, "classify", {
        type: "decision",
        category: "job_centre",
      });
      await runCaseCommand(s.deps, actors.receiver, id, "assign", {});
      await runCaseCommand(s.deps, actors.handler1, id, "decide-reassessment", {
        result: "upheld",
        body: "Fastholdt.",
      });
      await runCaseCommand(s.deps, actors.handler1, id, "forward-to-appeals-board", {});
      await runCaseCommand(s.deps, actors.legal, id, "record-appeals-decision", {
        result,
        decidedAt: "2026-02-10",
      });
    }
    s.deps.clock.set("2026-03-02T09:00:00.000Z");
  });

  it("takes every figure from getStatistics", async () => {
    const { admin } = s.org.actors;
    const d = await getDashboard(s.deps, admin, PERIOD);
    expect(d.total).toBe(9);
    expect(d.byCategory).toEqual((await stats(admin, "category")).groups);
    expect(d.byCategory.map((g) => [g.key, g.count])).toEqual([
      ["administration_conduct", 1],
      ["job_centre", 2],
      ["leadership", 1],
      ["school_conduct", 5],
    ]);
    expect(d.byType).toEqual((await stats(admin, "type")).groups);
    expect(d.byAge).toEqual((await stats(admin, "ageBand")).groups);
    expect(d.byOutcome).toEqual((await stats(admin, "outcome")).groups);
    expect(d.months).toEqual([
      { month: "2026-01", received: 3, answered: 1 },
      { month: "2026-02", received: 6, answered: 2 },
      { month: "2026-03", received: 0, answered: 0 },
    ]);
    expect(d.byArea.map((g) => [g.key, g.appealsUpheldRate])).toEqual([
      ["kontanthjælp", 0.5],
      ["none", null],
    ]);
    // compliance over all cases: the sum of the groups of a dimension where each case is in one
    const reply = (await stats(admin, "unit")).groups.reduce((n, g) => n + g.replyCompliance.met, 0);
    expect(d.compliance.reply?.met).toBe(reply);
    expect(d.compliance.reply?.met).toBe(1);
    expect(d.target).toEqual({ lowPercent: 80, highPercent: 85, from: "default" });
  });

  it("compares with a baseline period month by month", async () => {
    const d = await getDashboard(s.deps, s.org.actors.admin, {
      from: "2026-02-01",
      to: "2026-02-28",
      baselineFrom: "2026-01-01",
      baselineTo: "2026-01-31",
    });
    expect(d.total).toBe(6);
    expect(d.baselineTotal).toBe(3);
    expect(d.baselineMonths).toEqual([{ month: "2026-01", received: 3 }]);
    expect(d.months).toEqual([{ month: "2026-02", received: 6, answered: 2 }]);
  });

  it("lists as many cases behind a figure as the figure counts", async () => {
    const { admin } = s.org.actors;
    const d = await getDashboard(s.deps, admin, PERIOD);
    for (const g of d.byCategory) {
      const page = await listCases(
        s.deps,
        admin,
        ListCasesQuery.parse({
          ...{ receivedFrom: PERIOD.from, receivedTo: PERIOD.to },
          category: String(g.key),
          limit: 200,
        }),
      );
      expect(page.items).toHaveLength(g.count);
      expect(await listed(admin, { category: String(g.key) })).toEqual({ listed: g.count, notShown: 0 });
    }
    for (const m of d.months) {
      const range = { receivedFrom: `${m.month}-01`, receivedTo: `${m.month}-28` };
      expect((await countListedCases(s.deps, admin, ListCasesQuery.parse(range))).listed).toBe(m.received);
    }
    for (const g of d.byOutcome)
      expect((await listed(admin, { outcome: String(g.key) })).listed).toBe(g.count);
    for (const g of d.byType) expect((await listed(admin, { type: String(g.key) })).listed).toBe(g.count);
    for (const g of (await stats(admin, "channel")).groups)
      expect((await listed(admin, { channel: String(g.key) })).listed).toBe(g.count);
    // open and not answered: every case but the answered one
    const open = d.byAge.filter((g) => g.key !== "closed").reduce((n, g) => n + g.count, 0);
    expect(open).toBe(8);
    expect((await listed(admin, { open: "true", answered: "false" })).listed).toBe(open);
    expect((await listed(admin, { answered: "true" })).listed).toBe(1);
  });

  it("tells a manager how many cases behind a figure are not shown, personnel cases only in the total", async () => {
    const d = await getDashboard(s.deps, narrowManager, PERIOD);
    // school A's normal cases are counted by category; the personnel case only under "other"
    expect(d.byCategory.map((g) => [g.key, g.count])).toEqual([
      ["administration_conduct", 1],
      ["job_centre", 2],
      ["school_conduct", 5],
      ["other", 1],
    ]);
    expect(await listed(narrowManager, { category: "school_conduct" })).toEqual({ listed: 3, notShown: 2 });
    expect(await listed(narrowManager, { category: "job_centre" })).toEqual({ listed: 0, notShown: 2 });
    expect(await listed(narrowManager, { category: "leadership" })).toEqual({ listed: 0, notShown: 0 });
    // the period's total: every case, the personnel case among those not shown
    expect(await listed(narrowManager, {})).toEqual({ listed: 4, notShown: 5 });
    // people who see no statistics are told nothing of cases they do not see
    expect(await listed(s.org.actors.leaderB, { category: "school_conduct" })).toEqual({
      listed: 3,
      notShown: null,
    });
  });

  it("filters the statistics by unit, and names an unknown unit", async () => {
    const { admin } = s.org.actors;
    const b = await stats(admin, "category", { unit: "SKOLE-B" });
    expect(b.total).toBe(4);
    expect(b.groups.map((g) => [g.key, g.count])).toEqual([
      ["administration_conduct", 1],
      ["school_conduct", 3],
    ]);
    expect((await stats(admin, "type", { unit: s.org.units.schoolA.id })).total).toBe(3);
    const d = await getDashboard(s.deps, admin, { ...PERIOD, unit: "SKOLE-B" });
    expect(d.total).toBe(4);
    const error = await stats(admin, "type", { unit: "NOWHERE" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlaraError);
    expect((error as KlaraError).details.fieldErrors?.[0]?.path).toBe("unit");
  });

  it("keeps the appeals board's target band as data, set by admins and validated", async () => {
    const { admin, manager } = s.org.actors;
    const input = (v: Record<string, unknown>) => AppealsTargetInput.parse(v);
    await setAppealsTarget(s.deps, admin, input({ low: "70", high: "75" }));
    expect((await getDashboard(s.deps, manager, PERIOD)).target).toEqual({
      lowPercent: 70,
      highPercent: 75,
      from: "organisation",
    });
    await setAppealsTarget(s.deps, admin, input({ procedure: "dk-school", low: 90, high: 95 }));
    const school = await getDashboard(s.deps, manager, { ...PERIOD, procedure: "dk-school" });
    expect(school.target).toEqual({ lowPercent: 90, highPercent: 95, from: "procedure" });
    // saved again: replaced, not added
    await setAppealsTarget(s.deps, admin, input({ low: "80", high: "84" }));
    expect((await getDashboard(s.deps, manager, PERIOD)).target).toMatchObject({
      lowPercent: 80,
      highPercent: 84,
    });

    const bad = (v: Record<string, unknown>) => AppealsTargetInput.safeParse(v).error?.issues[0]?.path[0];
    expect(bad({ low: 90, high: 80 })).toBe("high");
    expect(bad({ low: -1, high: 80 })).toBe("low");
    expect(bad({ low: 10, high: 101 })).toBe("high");
    expect(bad({ low: 10.5, high: 20 })).toBe("low");
    const unknown = await setAppealsTarget(
      s.deps,
      admin,
      input({ procedure: "nope", low: 1, high: 2 }),
    ).catch((e: unknown) => e);
    expect((unknown as KlaraError).details.fieldErrors?.[0]?.path).toBe("procedure");
    const refused = await setAppealsTarget(s.deps, manager, input({ low: 1, high: 2 })).catch(
      (e: unknown) => e,
    );
    expect((refused as KlaraError).code).toBe("forbidden");
  });

  it("merges small groups for analysts, a merged month shown as unknown, never as 0", async () => {
    const d = await getDashboard(s.deps, s.org.actors.analyst, PERIOD);
    expect(d.merged).toBe(true);
    expect(d.byCategory).toEqual((await stats(s.org.actors.analyst, "category")).groups);
    expect(d.byCategory.every((g) => g.key === "other" || g.count >= 5)).toBe(true);
    expect(d.months[0]?.received).toBeNull();
    for (const m of d.months) {
      if (m.received !== null) expect(m.received).toBeGreaterThanOrEqual(5);
      else expect(m.answered).toBeNull();
    }
  });
});

describe("the dashboard's charts", () => {
  it("are well-formed SVG holding the numbers and the target band", async () => {
    const svg = await dashboardChartSvg({
      kind: "bar",
      percent: true,
      title: "Upheld rate",
      labels: ["dagpenge", "sygedagpenge"],
      series: [{ name: "Upheld", values: [50, 97] }],
      band: { low: 80, high: 85, label: "Target 80–85 %" },
    });
    assertWellFormedXml(svg);
    expect(svg).toContain(">50 %<");
    expect(svg).toContain(">97 %<");
    expect(svg).toContain(">Target 80–85 %<");
    // the band: a shaded area and its two edges marked with their values
    expect(svg).toMatch(/<polygon[^>]+fill-opacity="0.15"/);
    expect(svg).toContain(">80 %<");
    expect(svg).toContain(">85 %<");
    expect(svg).not.toContain("ecmeta_");
    // no inline style (the pages' content security policy has none): presentation attributes
    expect(svg).not.toMatch(/\sstyle=|<style/);
    expect(svg).toContain('font-size="12px"');
    const stacked = await dashboardChartSvg({
      kind: "stacked",
      title: "Compliance",
      labels: ["Reply"],
      series: [
        { name: "Met", values: [13] },
        { name: "Delayed", values: [7] },
        { name: "Missed", values: [4] },
      ],
    });
    assertWellFormedXml(stacked);
    for (const n of ["13", "7", "4", "Met", "Missed"]) expect(stacked).toContain(`>${n}<`);
  });
});
