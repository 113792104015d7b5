/**
 * The source a complaint is registered under when none is given (API.md, public intake): the
 * procedure's first allowed source, a representative's when one is named, and for public intake
 * never a source only staff may register (the ombudsman, the citizens' advisor, politicians).
 */
import { describe, expect, it } from "vitest";
import { sourceOf } from "../../src/app/create-case.js";
import { KlaraError } from "../../src/domain/errors.js";

const representative = { name: "Advokat Berg", powerOfAttorneyReceived: false };

describe("the source when none is given", () => {
  it("is the one given, whatever the procedure's order", () => {
    expect(sourceOf({ source: "participant" }, ["employee", "participant"], true)).toBe("participant");
  });

  it("is the procedure's first allowed source, or a representative's when one is named", () => {
    expect(sourceOf({}, ["employee", "participant", "partner", "customer"], true)).toBe("employee");
    expect(sourceOf({}, ["citizen", "representative"], true)).toBe("citizen");
    expect(sourceOf({ representative }, ["citizen", "representative"], true)).toBe("representative");
    // a procedure without representatives keeps its own first source
    expect(sourceOf({ representative }, ["employee", "customer"], true)).toBe("employee");
  });

  it("skips staff-only sources for public intake, and staff registration may default to them", () => {
    expect(sourceOf({}, ["ombudsman", "citizen"], true)).toBe("citizen");
    expect(sourceOf({}, ["ombudsman", "citizen"], false)).toBe("ombudsman");
    let refused: unknown;
    try {
      sourceOf({}, ["ombudsman", "political"], true);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(KlaraError);
    expect((refused as KlaraError).details.fieldErrors?.map((e) => e.path)).toEqual(["source"]);
  });
});
