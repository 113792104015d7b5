/**
 * The further statistics read from each database: benefit area, the appeals board's result,
 * informal resolution, first-contact hours, reassessment on time and deviations, set on real
 * cases' rows with known answers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { StatsQuery, type SubmitComplaintBody } from "../../src/app/schemas.js";
import { getStatistics } from "../../src/app/statistics.js";
import { rebuildStats } from "../../src/app/stats-rollup.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const complaint: SubmitComplaintBody = {
  procedure: "dk-school",
  unit: "SKOLE-A",
  complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
  subject: "Mobning",
  description: "Min søn bliver mobbet.",
  category: "school_conduct",
};

describe.each(DIALECTS)("statistics of appeals, ABC and deviations (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });
  const ids: string[] = [];

  const stats = (query: Record<string, string>) =>
    getStatistics(
      s.deps,
      s.org.actors.admin,
      StatsQuery.parse({ from: "2026-03-01", to: "2026-03-31", ...query }),
    );

  beforeAll(async () => {
    s.deps.clock.set("2026-03-02T09:00:00.000Z");
    for (let i = 0; i < 4; i++) ids.push((await submitComplaint(s.deps, complaint)).receipt.id);
    const db = s.t.db.kysely;
    const patch = async (id: string, fields: Record<string, unknown>) => {
      const row = await db.selectFrom("cases").select("data").where("id", "=", id).executeTakeFirstOrThrow();
      const data = { ...JSON.parse(row.data), ...fields };
      await db
        .updateTable("cases")
        .set({ data: JSON.stringify(data) })
        .where("id", "=", id)
        .execute();
    };
    const decision = (area: string) => ({
      date: "2026-02-20",
      reference: "YD-1",
      area,
      fastTrack: false,
      late: false,
    });
    await patch(ids[0]!, {
      decision: decision("dagpenge"),
      appealsBoard: { forwardedAt: "2026-03-10T09:00:00.000Z", result: "upheld", decidedAt: "2026-03-20" },
      resolution: "informal",
    });
    await patch(ids[1]!, {
      decision: decision("dagpenge"),
      appealsBoard: { forwardedAt: "2026-03-10T09:00:00.000Z", result: "changed", decidedAt: "2026-03-20" },
      resolution: "formal",
    });
    await patch(ids[2]!, {
      decision: decision("sygedagpenge"),
      appealsBoard: { forwardedAt: "2026-03-10T09:00:00.000Z", result: null, decidedAt: null },
    });
    const deadline = (id: string, kind: string, due: string, metAt: string | null, dueNow = due) => ({
      case_id: id,
      kind,
      due_date: dueNow,
      original_due_date: due,
      explanation: "",
      met_at: metAt,
      missed_at: null,
      reminded_at: null,
      extensions: "[]",
    });
    await db.deleteFrom("deadlines").where("kind", "in", ["firstContact", "reassessment"]).execute();
    await db
      .insertInto("deadlines")
      .values([
        deadline(ids[0]!, "firstContact", "2026-03-04", "2026-03-02T13:00:00.000Z"), // 4 hours
        deadline(ids[1]!, "firstContact", "2026-03-04", "2026-03-03T15:00:00.000Z"), // 30 hours
        deadline(ids[2]!, "firstContact", "2026-03-04", "2026-03-03T09:00:00.000Z"), // 24 hours
        deadline(ids[0]!, "reassessment", "2026-03-09", "2026-03-09T10:00:00.000Z"),
        deadline(ids[1]!, "reassessment", "2026-03-09", "2026-03-12T10:00:00.000Z", "2026-03-16"),
      ])
      .execute();
    await db
      .insertInto("deviations")
      .values({
        id: s.deps.newId(),
        case_id: ids[3]!,
        deadline_kind: "acknowledge",
        due_date: "2026-03-03",
        recorded_at: "2026-03-04T00:00:00.000Z",
      })
      .execute();
    // written past the case store: the statistics rollups are rebuilt from the cases (decision 0024)
    await rebuildStats(s.deps);
    s.deps.clock.set("2026-03-05T09:00:00.000Z");
  });

  it("reads the benefit area and the board's result, with the upheld rate per area", async () => {
    const byArea = await stats({ groupBy: "appealsArea" });
    expect(byArea.groups.map((g) => [g.key, g.count, g.appealsUpheldRate])).toEqual([
      ["dagpenge", 2, 0.5],
      ["none", 1, null],
      ["sygedagpenge", 1, null],
    ]);
    const two = await stats({ groupBy: "appealsArea,appealsResult" });
    expect(two.groups.map((g) => [g.key, g.count])).toEqual([
      [["dagpenge", "changed"], 1],
      [["dagpenge", "upheld"], 1],
      [["none", "none"], 1],
      [["sygedagpenge", "pending"], 1],
    ]);
  });

  it("measures first contact, informal resolution and the reassessment on time", async () => {
    const { groups } = await stats({ groupBy: "procedure" });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      count: 4,
      firstContactMedianHours: 24,
      informalRate: 0.5,
      reassessmentOnTimeRate: 0.5,
    });
    expect(groups[0]?.compliance.reassessment).toEqual({ met: 1, metAfterDelayNotice: 1, missed: 0 });
    expect(groups[0]?.compliance.firstContact).toEqual({ met: 3, metAfterDelayNotice: 0, missed: 0 });
  });

  it("groups by deviation kind", async () => {
    const { groups } = await stats({ groupBy: "deviation" });
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ["acknowledge", 1],
      ["none", 3],
    ]);
  });
});
