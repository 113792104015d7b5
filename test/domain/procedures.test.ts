import { describe, expect, it } from "vitest";
import { type DeadlineFacts, selectRules } from "../../src/domain/deadline.js";
import { type DeadlineRule, ProcedureDefinition, type RuleCondition } from "../../src/domain/procedure.js";
import {
  dkAbc,
  dkCentralUnit,
  dkEmployment,
  dkSchool,
  noWorkplace,
  SHIPPED_PROCEDURES,
  shippedProcedure,
} from "../../src/domain/procedures/index.js";
import type { Channel, DeadlineKind } from "../../src/domain/vocabulary.js";

type Facts = Pick<DeadlineFacts, "type" | "source"> & Partial<DeadlineFacts> & { channel?: Channel };

/** Task conditions (the deadline engine does not look at the channel, so tasks check it here). */
const holds = (c: RuleCondition, f: Facts): boolean =>
  (!c.type || c.type.includes(f.type)) &&
  (!c.source || c.source.includes(f.source)) &&
  (!c.channel || (f.channel !== undefined && c.channel.includes(f.channel)));

/** The deadline engine's choice: for each kind, the first rule whose condition holds. */
const firstRule = (rules: readonly DeadlineRule[], kind: DeadlineKind, f: Facts) =>
  selectRules(rules, {
    fastTrack: false,
    reassessmentChanged: false,
    decisionDate: "2026-03-02",
    ...f,
  }).find((r) => r.kind === kind);

const length = (rules: readonly DeadlineRule[], kind: DeadlineKind, f: Facts) => {
  const r = firstRule(rules, kind, f);
  return r ? `${r.length} ${r.unit}` : null;
};

describe("shipped procedures", () => {
  it("every raw definition parses", () => {
    for (const raw of [dkSchool, dkCentralUnit, dkAbc, noWorkplace, dkEmployment]) {
      const result = ProcedureDefinition.safeParse(raw);
      expect(result.error?.issues ?? [], raw.id).toEqual([]);
    }
  });

  it("ships the five procedures of SPEC §5 with unique ids", () => {
    const ids = SHIPPED_PROCEDURES.map((p) => p.id);
    expect(ids).toEqual(["dk-school", "dk-central-unit", "dk-abc", "no-workplace", "dk-employment"]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("has unique category codes, task keys and root causes within each procedure", () => {
    for (const p of SHIPPED_PROCEDURES) {
      const codes = p.categories.map((c) => c.code);
      expect(new Set(codes).size, p.id).toBe(codes.length);
      expect(new Set(p.tasks.map((t) => t.key)).size, p.id).toBe(p.tasks.length);
      expect(new Set(p.rootCauses).size, p.id).toBe(p.rootCauses.length);
      expect(p.allowedSources.length, p.id).toBeGreaterThan(0);
    }
  });

  it("allows anonymous complaints only in no-workplace", () => {
    expect(SHIPPED_PROCEDURES.filter((p) => p.allowAnonymous).map((p) => p.id)).toEqual(["no-workplace"]);
  });

  it("every topic_unit category has a unit code", () => {
    for (const p of SHIPPED_PROCEDURES) {
      for (const c of p.categories.filter((c) => c.handler === "topic_unit")) {
        expect(p.topicUnits[c.code], `${p.id}/${c.code}`).toMatch(/^[A-Z]+$/);
      }
    }
  });

  it("shippedProcedure finds by id and throws for an unknown one", () => {
    expect(shippedProcedure("dk-abc").id).toBe("dk-abc");
    expect(() => shippedProcedure("dk-nope")).toThrow(/dk-nope/);
  });

  it("is frozen, so no caller can change a shipped procedure by accident", () => {
    const p = shippedProcedure("dk-school");
    expect(() => {
      (p.deadlines[0] as { length: number }).length = 99;
    }).toThrow(TypeError);
  });
});

describe("procedure contents (SPEC §5)", () => {
  it("dk-school: 3, 3, 24 and 30 calendar days; leadership is a personnel case; four-eyes approval", () => {
    const p = shippedProcedure("dk-school");
    const f: Facts = { type: "unclassified", source: "citizen" };
    expect(
      ["acknowledge", "route", "draft", "reply"].map((k) => length(p.deadlines, k as DeadlineKind, f)),
    ).toEqual(["3 calendar_days", "3 calendar_days", "24 calendar_days", "30 calendar_days"]);
    expect(p.categories.map((c) => [c.code, c.handler, c.confidentiality])).toEqual([
      ["school_conduct", "unit_manager", "normal"],
      ["administration_conduct", "unit_routing_table", "normal"],
      ["leadership", "nearest_manager_of_person", "personnel"],
    ]);
    expect(p.approval).toEqual([
      {
        name: "leader with decision authority",
        role: "approver",
        fourEyes: true,
        approvers: { chain: "handling_unit" },
      },
    ]);
    for (const key of ["acknowledgement", "handler_notification", "complainant_notification"]) {
      const t = p.templates[key];
      expect(t?.da && t.nb && t.en, key).toBeTruthy();
      expect(t?.da, key).toContain("{{reference}}");
    }
    expect(p.templates["handler_notification"]?.da).toContain("ledelsesmæssige ansvar");
    expect(p.templates["complainant_notification"]?.da).toContain("{{handlerName}}");
  });

  it("dk-central-unit confirms formal complaints and redirects decision complaints", () => {
    const p = shippedProcedure("dk-central-unit");
    expect([p.confirmFormalComplaint, p.redirectDecisionComplaints]).toEqual([true, true]);
    expect(length(p.deadlines, "reply", { type: "process", source: "citizen" })).toBe("30 calendar_days");
    expect(p.rootCauses).toContain("processing_time");
  });

  it("dk-abc: first contact within 2 days (seed 002), A/B/C tasks required before the reply, two approval stages", () => {
    const p = shippedProcedure("dk-abc");
    const f: Facts = { type: "process", source: "citizen" };
    // "same day or at the latest two days after": 2 calendar days, a non-working day rolls forward
    expect(length(p.deadlines, "firstContact", f)).toBe("2 calendar_days");
    expect(p.deadlines.find((d) => d.kind === "firstContact")!.nonWorkingDay).toBe("next");
    expect(p.tasks.map((t) => [t.key, t.requiredBeforeReply, t.completedByContact])).toEqual([
      ["a_contact", true, ["phone"]],
      ["b_gather", true, []],
      ["c_get_back", true, []],
    ]);
    expect(length(p.deadlines, "reply", f)).toBe("4 weeks");
    expect(p.tasks.map((t) => [t.key, t.noteRequired])).toEqual([
      ["a_contact", true],
      ["b_gather", true],
      ["c_get_back", true],
    ]);
    expect(p.allowInformalResolution).toBe(true);
    expect(p.approval.map((s) => [s.name, s.role, s.fourEyes, s.approvers])).toEqual([
      ["head of department", "approver", true, { chain: "handling_unit", level: 1 }],
      ["director", "manager", true, { chain: "handling_unit", level: 0 }],
    ]);
  });

  it("no-workplace: feedback in 2 weeks, general manager notified, the discussion task for written complaints only", () => {
    const p = shippedProcedure("no-workplace");
    expect(p.country).toBe("NO");
    expect(length(p.deadlines, "reply", { type: "process", source: "employee" })).toBe("2 weeks");
    expect(p.notifyOnEveryComplaint).toEqual(["general_manager"]);
    expect(p.routeToComplainantsSuperior).toBe(true);
    expect(p.approval).toEqual([]);
    expect([...p.allowedSources].sort()).toEqual(["customer", "employee", "participant", "partner"]);
    const task = p.tasks.find((t) => t.key === "discuss_with_superior")!;
    expect(task.title.nb).toBe("Drøft med din nærmeste leder");
    expect(holds(task.when, { type: "process", source: "employee", channel: "letter" })).toBe(true);
    expect(holds(task.when, { type: "process", source: "employee", channel: "phone" })).toBe(false);
  });
});

describe("dk-employment deadline rules, in order", () => {
  const rules = shippedProcedure("dk-employment").deadlines;

  it("gives 3 weeks for process complaints forwarded by the citizens' advisor", () => {
    expect(length(rules, "reply", { type: "process", source: "citizens_advisor" })).toBe("3 weeks");
  });

  it("gives 4 weeks for other process and unclassified complaints", () => {
    expect(length(rules, "reply", { type: "process", source: "citizen" })).toBe("4 weeks");
    expect(length(rules, "reply", { type: "unclassified", source: "citizens_advisor" })).toBe("4 weeks");
    expect(length(rules, "reply", { type: "decision", source: "citizen" })).toBeNull();
  });

  it("the order matters: the general 4-week rule placed first would hide the 3-week rule", () => {
    const reversed = [...rules].reverse();
    expect(length(reversed, "reply", { type: "process", source: "citizens_advisor" })).toBe("4 weeks");
  });

  it("reassesses fast-track decisions in 5 working days, relaxed to 4 weeks once the decision changes", () => {
    const decision: Facts = { type: "decision", source: "citizen" };
    expect(length(rules, "reassessment", { ...decision, fastTrack: true })).toBe("5 working_days");
    expect(length(rules, "reassessment", { ...decision, fastTrack: true, reassessmentChanged: true })).toBe(
      "4 weeks",
    );
    expect(length(rules, "reassessment", { ...decision, fastTrack: false })).toBe("4 weeks");
    expect(length(rules, "reassessment", { type: "process", source: "citizen" })).toBeNull();
  });

  it("the complaint window runs 4 weeks from the decision", () => {
    const r = firstRule(rules, "complaintWindow", { type: "decision", source: "citizen" });
    expect([r?.length, r?.unit, r?.from]).toEqual([4, "weeks", "decision"]);
    const p = shippedProcedure("dk-employment");
    expect(p.complaintWindow).toEqual({ length: 4, unit: "weeks" });
    expect(p.appealsBody).toBe("Ankestyrelsen");
    expect(p.screening).toEqual({ sources: ["political"], unitCode: "LEDSEK" });
    expect(p.topicUnits).toEqual({ job_centre: "JOBCENTER", benefits: "YDELSE" });
  });
});
