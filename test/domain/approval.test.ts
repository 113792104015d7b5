/**
 * Approval by the right person, in order (issue 7 point 2) and required steps (point 4), as pure
 * domain rules on the demo kommune's shape: a school under the school department, the employment
 * units under the employment department, the director at the top.
 */
import { describe, expect, it } from "vitest";
import { chainFromTop, expectedApproval, stageApprovers } from "../../src/domain/approval.js";
import type { ComplaintCase } from "../../src/domain/case.js";
import * as cmd from "../../src/domain/case-commands.js";
import type { CommandContext } from "../../src/domain/case-effects.js";
import { KlaraError } from "../../src/domain/errors.js";
import type { Directory, Person, Unit } from "../../src/domain/organisation.js";
import { shippedProcedure } from "../../src/domain/procedures/index.js";
import { registerComplaint } from "../../src/domain/registration.js";
import type { Role } from "../../src/domain/vocabulary.js";

const DK = { timeZone: "Europe/Copenhagen", country: "DK", closingDays: [] } as const;
const RECEIVED = "2026-03-02T09:00:00.000Z"; // Monday
const NOW = "2026-03-05T10:00:00.000Z";

const unit = (id: string, parentId: string | null, managerId: string | null = null): Unit => ({
  id,
  organisationId: "org",
  code: id,
  name: id,
  parentId,
  managerId,
  routing: {},
  active: true,
});
const person = (id: string, unitId: string, ...roles: Role[]): Person => ({
  id,
  organisationId: "org",
  unitId,
  email: `${id}@x`,
  name: id,
  roles,
  active: true,
});

const PEOPLE = [
  person("director", "TOP", "manager", "approver"),
  person("schoolChief", "SCHOOL", "manager", "approver"),
  person("schoolApprover", "SCHOOL", "approver"),
  person("leaderA", "SCHOOL-A", "handler", "manager"),
  person("employmentChief", "EMPLOYMENT", "manager", "approver"),
  person("jobHandler", "JOB", "handler"),
  person("coordinator", "CENTRAL", "coordinator"),
];
const DIR: Directory = {
  organisation: {
    id: "org",
    name: "Kommune",
    country: "DK",
    timeZone: DK.timeZone,
    closingDays: [],
    locale: "da",
  },
  units: new Map(
    [
      unit("TOP", null, "director"),
      unit("SCHOOL", "TOP", "schoolChief"),
      unit("SCHOOL-A", "SCHOOL", "leaderA"),
      unit("EMPLOYMENT", "TOP", "employmentChief"),
      unit("JOB", "EMPLOYMENT"),
      unit("CENTRAL", "TOP"),
    ].map((u) => [u.id, u]),
  ),
  people: new Map(PEOPLE.map((p) => [p.id, p])),
};

const actorOf = (id: string) => {
  const p = DIR.people.get(id)!;
  return { personId: p.id, name: p.name, roles: p.roles };
};

function ctx(procedureId: string, who: string, directory: Directory | undefined = DIR): CommandContext {
  return {
    now: NOW,
    actor: actorOf(who),
    procedure: shippedProcedure(procedureId),
    calendar: DK,
    directory,
  };
}

function caseOf(procedureId: string, unitId: string, channel: "email" | "phone" = "email"): ComplaintCase {
  const procedure = shippedProcedure(procedureId);
  const c = registerComplaint(
    {
      id: "case-1",
      organisationId: "org",
      reference: "KLA-2026-000001",
      procedureVersion: 1,
      receivedAt: RECEIVED,
      channel,
      source: procedure.allowedSources[0]!,
      type: null,
      category: null,
      unitId,
      personComplainedAboutId: null,
      subject: "Klage",
      description: "Noget gik galt.",
      complainant: {
        anonymous: false,
        name: "Mette",
        email: "m@example.dk",
        phone: "+45 11 22 33 44",
        address: null,
        nationalId: null,
      },
      representative: null,
      decision: null,
      needsConfirmation: false,
    },
    { now: RECEIVED, procedure, calendar: DK, actorName: "test" },
  ).case;
  c.status = "in_progress";
  return c;
}

function drafted(procedureId: string, unitId: string, drafter: string): ComplaintCase {
  const c = caseOf(procedureId, unitId);
  c.handlers = [{ personId: drafter, part: "all", partReply: null }];
  for (const t of c.tasks) Object.assign(t, { doneAt: RECEIVED, note: "done", byId: drafter });
  return cmd.submitDraft(c, { body: "Kære Mette" }, ctx(procedureId, drafter)).case;
}

function refusal(run: () => unknown): KlaraError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(KlaraError);
    return e as KlaraError;
  }
  throw new Error("expected a refusal");
}

describe("who a stage names", () => {
  it("the chain runs from the top to the handling unit", () => {
    expect(chainFromTop("JOB", DIR).map((u) => u.id)).toEqual(["TOP", "EMPLOYMENT", "JOB"]);
  });

  it("dk-school: the leaders and approvers above the school, not the employment head", () => {
    const stage = shippedProcedure("dk-school").approval[0]!;
    const named = stageApprovers(caseOf("dk-school", "SCHOOL-A"), stage, DIR)!.map((p) => p.id);
    expect(named.sort()).toEqual(["director", "leaderA", "schoolApprover", "schoolChief"]);
    expect(named).not.toContain("employmentChief");
  });

  it("dk-abc: the head of department first, then the director", () => {
    const c = drafted("dk-abc", "JOB", "jobHandler");
    const first = expectedApproval(c, shippedProcedure("dk-abc"), DIR)!;
    expect([first.stage.name, first.people!.map((p) => p.id)]).toEqual([
      "head of department",
      ["employmentChief"],
    ]);
    const after = cmd.approve(c, ctx("dk-abc", "employmentChief")).case;
    const second = expectedApproval(after, shippedProcedure("dk-abc"), DIR)!;
    expect([second.stage.name, second.people!.map((p) => p.id)]).toEqual(["director", ["director"]]);
  });

  it("dk-abc: a unit right under the top with nobody in charge goes to the nearest leader above", () => {
    const stage = shippedProcedure("dk-abc").approval[0]!;
    expect(stageApprovers(caseOf("dk-abc", "CENTRAL"), stage, DIR)!.map((p) => p.id)).toEqual(["director"]);
  });
});

describe("approve", () => {
  it("dk-abc in order: the director before the head of department is refused (403) and nothing changes", () => {
    const c = drafted("dk-abc", "JOB", "jobHandler");
    const before = structuredClone(c);
    const e = refusal(() => cmd.approve(c, ctx("dk-abc", "director")));
    expect(e.code).toBe("forbidden");
    expect(e.message).toContain('"head of department"');
    expect(e.message).toContain("employmentChief");
    expect(c).toEqual(before);
    const one = cmd.approve(c, ctx("dk-abc", "employmentChief")).case;
    // the same person cannot approve the director's stage too
    expect(refusal(() => cmd.approve(one, ctx("dk-abc", "employmentChief"))).details.reason).toBe(
      "four_eyes",
    );
    const two = cmd.approve(one, ctx("dk-abc", "director")).case;
    expect(two.draft!.approvals.map((a) => [a.stage, a.personId])).toEqual([
      ["head of department", "employmentChief"],
      ["director", "director"],
    ]);
  });

  it("the employment head cannot approve a school reply", () => {
    const c = drafted("dk-school", "SCHOOL-A", "leaderA");
    const e = refusal(() => cmd.approve(c, ctx("dk-school", "employmentChief")));
    expect(e.code).toBe("forbidden");
    expect(e.message).toContain("schoolChief");
    expect(cmd.approve(c, ctx("dk-school", "schoolApprover")).case.draft!.approvals).toHaveLength(1);
  });

  it("the drafter never approves their own draft, though they lead the unit", () => {
    const c = drafted("dk-school", "SCHOOL-A", "leaderA");
    expect(refusal(() => cmd.approve(c, ctx("dk-school", "leaderA"))).details.reason).toBe("four_eyes");
    expect(expectedApproval(c, shippedProcedure("dk-school"), DIR)!.people!.map((p) => p.id)).not.toContain(
      "leaderA",
    );
  });

  it("return-draft is for the people the stage names", () => {
    const c = drafted("dk-school", "SCHOOL-A", "leaderA");
    const e = refusal(() => cmd.returnDraft(c, { reason: "Kortere" }, ctx("dk-school", "employmentChief")));
    expect(e.code).toBe("forbidden");
    expect(cmd.returnDraft(c, { reason: "Kortere" }, ctx("dk-school", "schoolChief")).case.status).toBe(
      "in_progress",
    );
  });
});

describe("a redirect (Henvist) where the procedure approves its replies", () => {
  it("needs the draft and its approval, like any reply; without approval stages it needs neither", () => {
    const c = caseOf("dk-central-unit", "SCHOOL-A");
    c.handlers = [{ personId: "coordinator", part: "all", partReply: null }];
    const as = ctx("dk-central-unit", "coordinator");
    expect(refusal(() => cmd.sendReply(c, { outcome: "redirected" }, as)).details.reason).toBe(
      "draft_required",
    );
    const drafted = cmd.submitDraft(c, { body: "Du kan klage til nævnet" }, as).case;
    expect(refusal(() => cmd.sendReply(drafted, { outcome: "redirected" }, as)).details.reason).toBe(
      "approval_required",
    );
    const approved = cmd.approve(drafted, ctx("dk-central-unit", "schoolChief")).case;
    expect(cmd.sendReply(approved, { outcome: "redirected" }, as).case.status).toBe("answered");
    const workplace = caseOf("no-workplace", "JOB", "phone");
    expect(
      cmd.sendReply(workplace, { outcome: "redirected" }, ctx("no-workplace", "coordinator")).case.status,
    ).toBe("answered");
  });
});

describe("dk-abc's first call (seed 002: the same day or at the latest two days after)", () => {
  const due = (receivedAt: string) => {
    const procedure = shippedProcedure("dk-abc");
    const c = registerComplaint(
      {
        id: "c",
        organisationId: "org",
        reference: "KLA-2026-000002",
        procedureVersion: 1,
        receivedAt,
        channel: "phone",
        source: "citizen",
        type: null,
        category: null,
        unitId: "JOB",
        personComplainedAboutId: null,
        subject: "Klage",
        description: "Noget gik galt.",
        complainant: {
          anonymous: false,
          name: "M",
          email: null,
          phone: "+45 11 22 33 44",
          address: null,
          nationalId: null,
        },
        representative: null,
        decision: null,
        needsConfirmation: false,
      },
      { now: receivedAt, procedure, calendar: DK, actorName: "test" },
    ).case;
    return c.deadlines.find((d) => d.kind === "firstContact")!.dueDate;
  };

  it("is 2 calendar days, rolled to the next working day", () => {
    expect(due("2026-03-02T09:00:00.000Z")).toBe("2026-03-04"); // Monday → Wednesday
    expect(due("2026-03-05T09:00:00.000Z")).toBe("2026-03-09"); // Thursday → Saturday → Monday
    expect(due("2026-03-06T09:00:00.000Z")).toBe("2026-03-09"); // Friday → Sunday → Monday
  });
});

describe("required steps", () => {
  it("dk-abc: the draft and the reply wait for A, B and C, until done or waived with a reason", () => {
    let c = caseOf("dk-abc", "JOB", "phone");
    c.handlers = [{ personId: "jobHandler", part: "all", partReply: null }];
    const as = ctx("dk-abc", "jobHandler");
    const e = refusal(() => cmd.submitDraft(c, { body: "Kære Mette" }, as));
    expect(e.details.reason).toBe("tasks_required");
    expect(e.message).toContain("a_contact, b_gather, c_get_back");
    expect(
      refusal(() => cmd.sendReply(c, { outcome: "upheld", resolution: "informal" }, as)).details.reason,
    ).toBe("tasks_required");
    // the first phone call is A
    const called = cmd.recordContact(
      c,
      { channel: "phone", at: "2026-03-03T09:00:00.000Z", note: "Borgeren vil have en ny tid" },
      as,
    );
    c = called.case;
    expect(c.tasks.find((t) => t.key === "a_contact")).toMatchObject({
      doneAt: NOW,
      note: "Borgeren vil have en ny tid",
      byId: "jobHandler",
    });
    expect(called.effects.journal.map((j) => j.title)).toContain("Task done: a_contact");
    // a waiver needs its reason
    expect(refusal(() => cmd.waiveTask(c, { task: "b_gather", reason: " " }, as)).code).toBe("invalid_input");
    const waived = cmd.waiveTask(c, { task: "b_gather", reason: "Medarbejderen er fratrådt" }, as);
    expect(waived.effects.journal).toMatchObject([
      { kind: "task", title: "Task waived: b_gather", body: "Medarbejderen er fratrådt" },
    ]);
    c = waived.case;
    expect(c.tasks.find((t) => t.key === "b_gather")).toMatchObject({ waived: true });
    expect(refusal(() => cmd.submitDraft(c, { body: "Kære Mette" }, as)).message).toContain("c_get_back");
    c = cmd.completeTask(c, { task: "c_get_back", note: "Ringet tilbage" }, as).case;
    expect(cmd.submitDraft(c, { body: "Kære Mette" }, as).case.status).toBe("awaiting_approval");
    expect(cmd.sendReply(c, { outcome: "upheld", resolution: "informal" }, as).case.status).toBe("answered");
  });

  it("a meeting does not complete A; only the phone call does", () => {
    const c = caseOf("dk-abc", "JOB");
    const met = cmd.recordContact(
      c,
      { channel: "meeting", at: "2026-03-03T09:00:00.000Z", note: "Møde" },
      ctx("dk-abc", "jobHandler"),
    ).case;
    expect(met.tasks.find((t) => t.key === "a_contact")!.doneAt).toBeNull();
  });

  it("no-workplace: a written complaint waits for the talk with one's own superior; an oral one does not", () => {
    const written = caseOf("no-workplace", "JOB", "email");
    written.handlers = [{ personId: "jobHandler", part: "all", partReply: null }];
    const as = ctx("no-workplace", "jobHandler");
    expect(refusal(() => cmd.submitDraft(written, { body: "Hei" }, as)).details.reason).toBe(
      "tasks_required",
    );
    const oral = caseOf("no-workplace", "JOB", "phone");
    oral.handlers = written.handlers;
    expect(oral.tasks).toEqual([]);
    expect(cmd.submitDraft(oral, { body: "Hei" }, as).case.draft).not.toBeNull();
  });
});
