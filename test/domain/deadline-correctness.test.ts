/**
 * Deadline defects found in review (issue 10 point 7, issue 7 point 5), as pure domain functions:
 * reopening re-plans only the reply, a reply settles acknowledging and routing, back-dating is a
 * local-date matter, and deadlines exist only where the seed has them.
 */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "../../src/domain/calendar.js";
import { type ComplaintCase, openDeadlines } from "../../src/domain/case.js";
import * as cmd from "../../src/domain/case-commands.js";
import { type CommandContext, settledByReply } from "../../src/domain/case-effects.js";
import { sweepActions } from "../../src/domain/deadline-sweep.js";
import { shippedProcedure } from "../../src/domain/procedures/index.js";
import type { Role } from "../../src/domain/vocabulary.js";
import { DK, ctx as kitCtx, registration as register } from "../support/lifecycle-kit.js";

/** The kit's context with the roles a test needs, as the person Pia. */
function ctx(
  procedureId: string,
  now: string,
  roles: Role[] = ["coordinator", "handler", "approver"],
): CommandContext {
  return kitCtx({ personId: "p-1", name: "Pia", roles }, procedureId, now);
}

const due = (c: ComplaintCase, kind: string) => c.deadlines.find((d) => d.kind === kind);

describe("reopening", () => {
  it("re-plans only the draft and reply deadlines; every other one keeps its original date", () => {
    // An answered case whose acknowledge and route deadlines were never met (written before a
    // reply settled them), then reopened a month later.
    const c: ComplaintCase = { ...register("dk-school").case, status: "answered", outcome: "upheld" };
    for (const d of c.deadlines)
      if (d.kind === "draft" || d.kind === "reply") d.metAt = "2026-03-20T10:00:00.000Z";
    const before = structuredClone(c.deadlines);
    const reopened = cmd.reopen(
      c,
      { reason: "Not satisfied" },
      ctx("dk-school", "2026-04-06T08:00:00.000Z"),
    ).case;
    for (const kind of ["acknowledge", "route"])
      expect(due(reopened, kind)).toEqual(before.find((d) => d.kind === kind));
    // the reply runs again, counted from the reopening (Mon 6 April + 30 days = Wed 6 May)
    expect(due(reopened, "reply")).toMatchObject({ dueDate: "2026-05-06", metAt: null });
    expect(due(reopened, "draft")).toMatchObject({ metAt: null });
  });
});

describe("a reply settles acknowledging and routing", () => {
  it("meets the acknowledge and route deadlines with the reply, so the sweep records nothing later", () => {
    const c: ComplaintCase = { ...register("dk-school").case, status: "answered", outcome: "upheld" };
    const lines = settledByReply(c, "2026-03-04T09:00:00.000Z", DK.timeZone);
    expect(lines.map((l) => l.title)).toEqual(["Deadline met: acknowledge", "Deadline met: route"]);
    expect(due(c, "acknowledge")?.metAt).toBe("2026-03-04T09:00:00.000Z");
    expect(due(c, "route")?.metAt).toBe("2026-03-04T09:00:00.000Z");
    const sweep = sweepActions(c, {
      now: Temporal.Instant.from("2026-03-20T12:00:00Z"),
      timeZone: DK.timeZone,
      calendar: new WorkingDayCalendar({ country: "DK", closingDays: [] }),
      reminderWorkingDays: 2,
      fallbackCoordinatorId: null,
    });
    expect(sweep.filter((a) => a.kind === "acknowledge" || a.kind === "route")).toEqual([]);
  });

  it("treats acknowledge and route as moot on cases already answered without them (older rows)", () => {
    const c: ComplaintCase = { ...register("dk-school").case, status: "answered" };
    for (const d of c.deadlines)
      if (d.kind === "draft" || d.kind === "reply") d.metAt = "2026-03-04T09:00:00.000Z";
    expect(openDeadlines(c)).toEqual([]);
  });
});

describe("back-dated receipt", () => {
  it("compares local dates: the same local day is not back-dated, though the UTC dates differ", () => {
    // received 00:10 Tue 3 March local (23:10 UTC Mon), registered 01:30 Tue 3 March local (00:30 UTC Tue)
    const { journal } = register(
      "dk-school",
      { receivedAt: "2026-03-02T23:10:00.000Z" },
      "2026-03-03T00:30:00.000Z",
    );
    expect(journal.map((j) => j.title)).not.toContain("Receipt back-dated");
  });

  it("flags a receipt on the previous local day, though the UTC dates are the same", () => {
    // received 23:50 Mon 2 March local (22:50 UTC), registered 00:30 Tue 3 March local (23:30 UTC Mon)
    const { journal } = register(
      "dk-school",
      { receivedAt: "2026-03-02T22:50:00.000Z" },
      "2026-03-02T23:30:00.000Z",
    );
    expect(journal.map((j) => j.title)).toContain("Receipt back-dated");
  });
});

describe("deadlines only where the seed has them", () => {
  it("plans an acknowledgement deadline only for the procedures whose seed acknowledges (000, 002)", () => {
    const withAck = ["dk-school", "dk-abc"];
    for (const id of ["dk-school", "dk-abc", "dk-central-unit", "dk-employment", "no-workplace"]) {
      const c = register(id).case;
      expect([id, due(c, "acknowledge") !== undefined]).toEqual([id, withAck.includes(id)]);
    }
  });

  it("plans no deadline an anonymous complainant would be needed for (letter, first call)", () => {
    const anonymous = {
      anonymous: true,
      name: null,
      email: null,
      phone: null,
      address: null,
      nationalId: null,
    };
    for (const id of ["dk-school", "dk-abc"]) {
      const c = register({ ...shippedProcedure(id), allowAnonymous: true }, { complainant: anonymous }).case;
      const kinds = c.deadlines.map((d) => d.kind);
      expect(kinds).not.toContain("acknowledge");
      expect(kinds).not.toContain("firstContact");
      expect(kinds).toContain("reply");
    }
  });
});
