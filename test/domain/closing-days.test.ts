/** changeClosingDays: the pure rule behind the page, the API and the CLI. */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { changeClosingDays } from "../../src/domain/calendar.js";
import { KlaraError } from "../../src/domain/errors.js";

const today = Temporal.PlainDate.from("2026-12-01");

describe("changeClosingDays", () => {
  it("adds and removes, sorted, each day once", () => {
    expect(
      changeClosingDays(["2026-12-31"], { add: ["2026-12-24", "2026-12-31", " 2027-06-05 "] }, today),
    ).toEqual(["2026-12-24", "2026-12-31", "2027-06-05"]);
    expect(
      changeClosingDays(["2026-12-24", "2026-12-31"], { remove: ["2026-12-24", "2027-01-01"] }, today),
    ).toEqual(["2026-12-31"]);
  });

  it("accepts today, refuses a day before it; a past day may still be removed", () => {
    expect(changeClosingDays([], { add: ["2026-12-01"] }, today)).toEqual(["2026-12-01"]);
    expect(() => changeClosingDays([], { add: ["2026-11-30"] }, today)).toThrow(/2026-11-30 is in the past/);
    expect(changeClosingDays(["2025-12-24"], { remove: ["2025-12-24"] }, today)).toEqual([]);
  });

  it("names every malformed or impossible date with where it was given", () => {
    let error: unknown;
    try {
      changeClosingDays([], { add: ["2027-02-29", "2027-06-05T00:00"], remove: ["tomorrow"] }, today);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KlaraError);
    expect((error as KlaraError).details.fieldErrors).toEqual([
      { path: "add.0", message: '"2027-02-29" is not a date (YYYY-MM-DD)' },
      { path: "add.1", message: '"2027-06-05T00:00" is not a date (YYYY-MM-DD)' },
      { path: "remove.0", message: '"tomorrow" is not a date (YYYY-MM-DD)' },
    ]);
  });
});
