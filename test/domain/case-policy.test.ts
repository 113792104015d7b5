import { describe, expect, it } from "vitest";
import { canSeeCase, peopleManagedBy } from "../../src/domain/case-policy.js";
import type { Directory, Person, Unit } from "../../src/domain/organisation.js";
import type { Role } from "../../src/domain/vocabulary.js";

const unit = (id: string, parentId: string | null, managerId: string | null): Unit => ({
  id,
  organisationId: "o1",
  code: id.toUpperCase(),
  name: id,
  parentId,
  managerId,
  routing: {},
  active: true,
});
const person = (id: string, unitId: string, roles: Role[]): Person => ({
  id,
  organisationId: "o1",
  unitId,
  email: `${id}@x.example`,
  name: id,
  roles,
  active: true,
});

// root (director) > school dept (head) > school A (leader A, teacher)
const people = [
  person("director", "root", ["manager"]),
  person("head", "dept", ["manager", "approver"]),
  person("leaderA", "schoolA", ["manager"]),
  person("teacher", "schoolA", ["handler"]),
  person("other", "dept", ["handler"]),
  person("legal", "root", ["legal"]),
  person("analyst", "root", ["analyst"]),
  person("coordinator", "dept", ["coordinator"]),
];
const dir: Directory = {
  organisation: {
    id: "o1",
    name: "O",
    country: "DK",
    timeZone: "Europe/Copenhagen",
    closingDays: [],
    locale: "da",
  },
  units: new Map(
    [unit("root", null, "director"), unit("dept", "root", "head"), unit("schoolA", "dept", "leaderA")].map(
      (u) => [u.id, u],
    ),
  ),
  people: new Map(people.map((p) => [p.id, p])),
};
const viewer = (id: string) => {
  const p = dir.people.get(id)!;
  return { personId: p.id, organisationId: "o1", roles: p.roles };
};
const personnelCase = {
  organisationId: "o1",
  confidentiality: "personnel" as "normal" | "personnel",
  handlers: [{ personId: "head", part: "all", partReply: null }],
  personComplainedAboutId: "leaderA",
};
const sees = (id: string, c = personnelCase) => canSeeCase(viewer(id), c, peopleManagedBy(id, dir));

describe("case policy", () => {
  it("computes who a manager manages, through sub-units, excluding themselves", () => {
    expect([...peopleManagedBy("head", dir)].sort()).toEqual(["coordinator", "leaderA", "other", "teacher"]);
    expect([...peopleManagedBy("leaderA", dir)]).toEqual(["teacher"]);
    expect(peopleManagedBy("teacher", dir).size).toBe(0);
  });

  it("shows a personnel case to its handler, the managers above the person, legal — and no one else", () => {
    expect(sees("head")).toBe(true); // handler and manager
    expect(sees("director")).toBe(true); // manager further up
    expect(sees("legal")).toBe(true);
    expect(sees("leaderA")).toBe(false); // the person complained about
    expect(sees("teacher")).toBe(false);
    expect(sees("other")).toBe(false);
    expect(sees("coordinator")).toBe(false);
    expect(sees("analyst")).toBe(false);
  });

  it("shows a normal case to every case role of the organisation, never to analysts or outsiders", () => {
    const normal = { ...personnelCase, confidentiality: "normal" as const };
    expect(sees("teacher", normal)).toBe(true);
    expect(sees("analyst", normal)).toBe(false);
    expect(canSeeCase({ ...viewer("teacher"), organisationId: "o2" }, normal, new Set())).toBe(false);
  });
});
