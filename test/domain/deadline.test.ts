import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "../../src/domain/calendar.js";
import {
  computeDueDate,
  type DeadlineFacts,
  endOfDueDate,
  formatDay,
  isPastDue,
  localDateOf,
  planDeadlines,
  selectRules,
} from "../../src/domain/deadline.js";
import { KlaraError } from "../../src/domain/errors.js";
import { DeadlineRule } from "../../src/domain/procedure.js";

const dk = new WorkingDayCalendar({ country: "DK", closingDays: [] });
const no = new WorkingDayCalendar({ country: "NO", closingDays: [] });
const dkClosing = new WorkingDayCalendar({
  country: "DK",
  closingDays: ["2026-06-05", "2026-12-24", "2026-12-31"],
});
const noClosing = new WorkingDayCalendar({ country: "NO", closingDays: ["2026-12-24", "2026-12-31"] });
const calendars = { dk, no, dkClosing, noClosing } as const;

describe("formatDay", () => {
  it.each([
    ["2026-10-08", "Thu 8 Oct 2026"],
    ["2026-04-13", "Mon 13 Apr 2026"],
    ["2028-02-29", "Tue 29 Feb 2028"],
    ["2026-11-01", "Sun 1 Nov 2026"],
  ])("%s → %s", (date, expected) => {
    expect(formatDay(Temporal.PlainDate.from(date))).toBe(expected);
  });
});

describe("computeDueDate", () => {
  it.each([
    // SPEC §4 examples
    [
      "dk",
      "2026-03-02",
      30,
      "calendar_days",
      "next",
      "2026-04-01",
      "received Mon 2 Mar 2026; + 30 days = Wed 1 Apr 2026",
    ],
    [
      "dk",
      "2026-03-12",
      3,
      "working_days",
      "next",
      "2026-03-17",
      "received Thu 12 Mar 2026; + 3 working days = Tue 17 Mar 2026",
    ],
    [
      "dk",
      "2026-04-01",
      5,
      "working_days",
      "next",
      "2026-04-13",
      "received Wed 1 Apr 2026; + 5 working days, skipping public holidays Skærtorsdag Thu 2 Apr, " +
        "Langfredag Fri 3 Apr, Anden påskedag Mon 6 Apr = Mon 13 Apr 2026",
    ],
    [
      "dk",
      "2026-10-08",
      30,
      "calendar_days",
      "next",
      "2026-11-09",
      "received Thu 8 Oct 2026; + 30 days = Sat 7 Nov 2026; not a working day (Saturday) → Mon 9 Nov 2026",
    ],
    [
      "dk",
      "2026-10-08",
      30,
      "calendar_days",
      "keep",
      "2026-11-07",
      "= Sat 7 Nov 2026; not a working day (Saturday), kept",
    ],
    // a roll across Easter names the holidays it passes
    [
      "dk",
      "2026-03-05",
      30,
      "calendar_days",
      "next",
      "2026-04-07",
      "= Sat 4 Apr 2026; not a working day (Saturday) → Tue 7 Apr 2026, skipping public holiday Anden påskedag Mon 6 Apr",
    ],
    [
      "dk",
      "2026-03-09",
      4,
      "weeks",
      "next",
      "2026-04-07",
      "+ 4 weeks = Mon 6 Apr 2026; not a working day (public holiday Anden påskedag) → Tue 7 Apr 2026",
    ],
    [
      "dk",
      "2026-03-02",
      4,
      "weeks",
      "next",
      "2026-03-30",
      "received Mon 2 Mar 2026; + 4 weeks = Mon 30 Mar 2026",
    ],
    ["dk", "2026-03-02", 1, "weeks", "next", "2026-03-09", "+ 1 week = Mon 9 Mar 2026"],
    // months clamp to the month's last day
    [
      "dk",
      "2026-01-31",
      1,
      "months",
      "next",
      "2026-03-02",
      "received Sat 31 Jan 2026; + 1 month = Sat 28 Feb 2026 (last day of the month); not a working day (Saturday) → Mon 2 Mar 2026",
    ],
    [
      "dk",
      "2026-01-31",
      1,
      "months",
      "keep",
      "2026-02-28",
      "= Sat 28 Feb 2026 (last day of the month); not a working day (Saturday), kept",
    ],
    [
      "dk",
      "2028-01-31",
      1,
      "months",
      "next",
      "2028-02-29",
      "+ 1 month = Tue 29 Feb 2028 (last day of the month)",
    ],
    [
      "dk",
      "2026-03-16",
      2,
      "months",
      "next",
      "2026-05-18",
      "+ 2 months = Sat 16 May 2026; not a working day (Saturday) → Mon 18 May 2026",
    ],
    // the same dates in Norway
    [
      "no",
      "2026-04-01",
      5,
      "working_days",
      "next",
      "2026-04-13",
      "Skjærtorsdag Thu 2 Apr, Langfredag Fri 3 Apr, Andre påskedag Mon 6 Apr",
    ],
    [
      "no",
      "2026-04-01",
      30,
      "calendar_days",
      "next",
      "2026-05-04",
      "+ 30 days = Fri 1 May 2026; not a working day (public holiday Arbeidernes dag) → Mon 4 May 2026",
    ],
    ["dk", "2026-04-01", 30, "calendar_days", "next", "2026-05-01", "+ 30 days = Fri 1 May 2026"],
    // closing days move deadlines
    ["dk", "2026-05-06", 30, "calendar_days", "next", "2026-06-05", "+ 30 days = Fri 5 Jun 2026"],
    [
      "dkClosing",
      "2026-05-06",
      30,
      "calendar_days",
      "next",
      "2026-06-08",
      "= Fri 5 Jun 2026; not a working day (closing day) → Mon 8 Jun 2026",
    ],
    [
      "dkClosing",
      "2026-11-24",
      30,
      "calendar_days",
      "next",
      "2026-12-28",
      "= Thu 24 Dec 2026; not a working day (closing day) → Mon 28 Dec 2026, skipping public holiday Juledag Fri 25 Dec",
    ],
    [
      "dk",
      "2026-12-22",
      3,
      "working_days",
      "next",
      "2026-12-28",
      "+ 3 working days, skipping public holiday Juledag Fri 25 Dec = Mon 28 Dec 2026",
    ],
    [
      "dkClosing",
      "2026-12-22",
      3,
      "working_days",
      "next",
      "2026-12-29",
      "+ 3 working days, skipping public holiday Juledag Fri 25 Dec and closing day Thu 24 Dec = Tue 29 Dec 2026",
    ],
    [
      "noClosing",
      "2026-12-30",
      1,
      "working_days",
      "next",
      "2027-01-04",
      "+ 1 working day, skipping public holiday Første nyttårsdag Fri 1 Jan and closing day Thu 31 Dec = Mon 4 Jan 2027",
    ],
    ["no", "2026-12-30", 1, "working_days", "next", "2026-12-31", "+ 1 working day = Thu 31 Dec 2026"],
  ] as const)("%s: %s + %i %s (%s) → %s", (key, start, length, unit, nonWorkingDay, dueDate, explanation) => {
    const result = computeDueDate({ start, length, unit, nonWorkingDay }, calendars[key]);
    expect(result.dueDate).toBe(dueDate);
    expect(result.explanation).toContain(explanation);
  });

  it("says when day 0 is the decision", () => {
    const result = computeDueDate(
      { start: "2026-02-20", length: 4, unit: "weeks", nonWorkingDay: "next", from: "decision" },
      dk,
    );
    expect(result.explanation).toBe("decision of Fri 20 Feb 2026; + 4 weeks = Fri 20 Mar 2026");
  });

  it.each([
    ["2026-02-30", 3],
    ["2026-03-02T10:00", 3],
    ["2026-03-02", 0],
    ["2026-03-02", 1.5],
  ])("refuses start %s with length %s", (start, length) => {
    expect(() => computeDueDate({ start, length, unit: "calendar_days", nonWorkingDay: "next" }, dk)).toThrow(
      KlaraError,
    );
  });
});

describe("local dates and the end of a due date", () => {
  it.each([
    // the night summer time starts in Copenhagen (29 Mar 2026, 02:00 local)
    ["2026-03-28T23:30:00Z", "Europe/Copenhagen", "2026-03-29"],
    ["2026-03-28T22:59:59Z", "Europe/Copenhagen", "2026-03-28"],
    ["2026-03-28T23:30:00Z", "UTC", "2026-03-28"],
    // summer time ends in Oslo on 25 Oct 2026; 22:30Z on the 24th is still +02:00
    ["2026-10-24T22:30:00Z", "Europe/Oslo", "2026-10-25"],
    ["2026-10-24T21:59:59Z", "Europe/Oslo", "2026-10-24"],
    ["2026-03-29T00:30:00+01:00", "Europe/Copenhagen", "2026-03-29"],
  ])("%s in %s is %s", (instant, zone, date) => {
    expect(localDateOf(instant, zone).toString()).toBe(date);
    expect(localDateOf(Temporal.Instant.from(instant), zone).toString()).toBe(date);
  });

  it("refuses an instant without an offset", () => {
    expect(() => localDateOf("2026-03-28T23:30:00", "Europe/Copenhagen")).toThrow(KlaraError);
  });

  it.each([
    ["2026-03-28", "Europe/Copenhagen", "2026-03-28T23:00:00Z"],
    ["2026-03-29", "Europe/Copenhagen", "2026-03-29T22:00:00Z"],
    ["2026-10-24", "Europe/Oslo", "2026-10-24T22:00:00Z"],
    ["2026-10-25", "Europe/Oslo", "2026-10-25T23:00:00Z"],
    // midnight did not exist on 4 Nov 2018 in São Paulo: the day began at 01:00
    ["2018-11-03", "America/Sao_Paulo", "2018-11-04T03:00:00Z"],
  ])("endOfDueDate(%s, %s) = %s", (dueDate, zone, expected) => {
    expect(endOfDueDate(dueDate, zone).toString()).toBe(expected);
  });

  it.each([
    ["2026-03-28", "Europe/Copenhagen", "2026-03-28T22:59:59Z", false],
    ["2026-03-28", "Europe/Copenhagen", "2026-03-28T23:00:00Z", true],
    ["2026-03-28", "Europe/Copenhagen", "2026-03-28T23:30:00Z", true],
    ["2026-03-29", "Europe/Copenhagen", "2026-03-28T23:30:00Z", false],
    ["2026-10-24", "Europe/Oslo", "2026-10-24T21:59:59Z", false],
    ["2026-10-24", "Europe/Oslo", "2026-10-24T22:30:00Z", true],
    ["2026-10-25", "Europe/Oslo", "2026-10-25T22:30:00Z", false],
  ] as const)("isPastDue(%s, %s) at %s is %s", (dueDate, zone, now, expected) => {
    expect(isPastDue(dueDate, Temporal.Instant.from(now), zone)).toBe(expected);
  });
});

/** dk-employment's rules, as a procedure file would state them. */
const employment = [
  { kind: "reply", length: 3, unit: "weeks", when: { type: ["process"], source: ["citizens_advisor"] } },
  { kind: "reply", length: 4, unit: "weeks", when: { type: ["process"] } },
  { kind: "reassessment", length: 4, unit: "weeks", when: { type: ["decision"], reassessmentChanged: true } },
  { kind: "reassessment", length: 5, unit: "working_days", when: { type: ["decision"], fastTrack: true } },
  { kind: "reassessment", length: 4, unit: "weeks", when: { type: ["decision"] } },
  { kind: "complaintWindow", length: 4, unit: "weeks", from: "decision", when: { type: ["decision"] } },
].map((r) => DeadlineRule.parse(r));

const facts = (over: Partial<DeadlineFacts>): DeadlineFacts => ({
  type: "process",
  source: "citizen",
  fastTrack: false,
  reassessmentChanged: false,
  decisionDate: null,
  ...over,
});

const copenhagen = { timeZone: "Europe/Copenhagen", country: "DK", closingDays: [] } as const;

describe("selectRules and planDeadlines", () => {
  it.each([
    ["process from a citizen", facts({}), [1]],
    ["process via the citizens' advisor", facts({ source: "citizens_advisor" }), [0]],
    [
      "decision, fast-track",
      facts({ type: "decision", fastTrack: true, decisionDate: "2026-02-20" }),
      [3, 5],
    ],
    [
      "decision, fast-track, changed",
      facts({ type: "decision", fastTrack: true, reassessmentChanged: true, decisionDate: "2026-02-20" }),
      [2, 5],
    ],
    ["decision, not fast-track", facts({ type: "decision", decisionDate: "2026-02-20" }), [4, 5]],
    ["decision without a decision date", facts({ type: "decision", fastTrack: true }), [3]],
    ["unclassified", facts({ type: "unclassified" }), []],
  ] as const)("%s", (_label, f, indexes) => {
    const selected = selectRules(employment, f);
    expect(selected).toHaveLength(indexes.length);
    indexes.forEach((i, n) => {
      expect(selected[n]).toBe(employment[i]);
    });
  });

  it.each([
    ["process from a citizen", facts({}), [["reply", "2026-03-30"]]],
    ["process via the citizens' advisor", facts({ source: "citizens_advisor" }), [["reply", "2026-03-23"]]],
    [
      "decision, fast-track",
      facts({ type: "decision", fastTrack: true, decisionDate: "2026-02-20" }),
      [
        ["reassessment", "2026-03-09"],
        ["complaintWindow", "2026-03-20"],
      ],
    ],
    [
      "decision, fast-track, changed",
      facts({ type: "decision", fastTrack: true, reassessmentChanged: true, decisionDate: "2026-02-20" }),
      [
        ["reassessment", "2026-03-30"],
        ["complaintWindow", "2026-03-20"],
      ],
    ],
    [
      "decision, not fast-track",
      facts({ type: "decision", decisionDate: "2026-02-20" }),
      [
        ["reassessment", "2026-03-30"],
        ["complaintWindow", "2026-03-20"],
      ],
    ],
  ] as const)("plans %s", (_label, f, expected) => {
    const planned = planDeadlines(employment, f, "2026-03-02T09:15:00+01:00", copenhagen);
    expect(planned.map((p) => [p.kind, p.dueDate])).toEqual(expected);
    for (const p of planned) {
      expect(p.explanation).toMatch(
        p.kind === "complaintWindow" ? /^decision of Fri 20 Feb 2026;/ : /^received Mon 2 Mar 2026;/,
      );
    }
  });

  it("explains the fast-track reassessment in working days", () => {
    const [reassessment] = planDeadlines(
      employment,
      facts({ type: "decision", fastTrack: true }),
      "2026-04-01T10:00:00+02:00",
      copenhagen,
    );
    // the reckoning beside it is the same account as data (test/domain/journal-events.test.ts)
    expect(reassessment).toMatchObject({
      kind: "reassessment",
      dueDate: "2026-04-13",
      explanation:
        "received Wed 1 Apr 2026; + 5 working days, skipping public holidays Skærtorsdag Thu 2 Apr, " +
        "Langfredag Fri 3 Apr, Anden påskedag Mon 6 Apr = Mon 13 Apr 2026",
    });
  });

  const acknowledge = [DeadlineRule.parse({ kind: "acknowledge", length: 3, unit: "calendar_days" })];

  it.each([
    // day 0 is the local date, not the UTC date
    ["2026-03-28T23:30:00Z", { ...copenhagen }, "2026-04-01", "received Sun 29 Mar 2026"],
    ["2026-03-28T22:30:00Z", { ...copenhagen }, "2026-03-31", "received Sat 28 Mar 2026"],
    [
      "2026-10-24T22:30:00Z",
      { timeZone: "Europe/Oslo", country: "NO", closingDays: [] },
      "2026-10-28",
      "received Sun 25 Oct 2026",
    ],
    [
      "2026-10-24T21:30:00Z",
      { timeZone: "Europe/Oslo", country: "NO", closingDays: [] },
      "2026-10-27",
      "received Sat 24 Oct 2026",
    ],
  ] as const)("received %s → day 0 in the organisation's zone", (receivedAt, org, dueDate, head) => {
    const [planned] = planDeadlines(acknowledge, facts({}), receivedAt, org);
    expect(planned?.dueDate).toBe(dueDate);
    expect(planned?.explanation.startsWith(head)).toBe(true);
  });

  it("uses the organisation's closing days", () => {
    const rules = [DeadlineRule.parse({ kind: "reply", length: 30, unit: "calendar_days" })];
    const org = { ...copenhagen, closingDays: ["2026-12-24", "2026-12-31"] };
    const [planned] = planDeadlines(rules, facts({}), "2026-11-24T12:00:00+01:00", org);
    expect(planned?.dueDate).toBe("2026-12-28");
    expect(planned?.explanation).toContain("not a working day (closing day)");
  });
});
