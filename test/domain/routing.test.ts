import { describe, expect, it } from "vitest";
import type { Directory, Organisation, Person, Unit } from "../../src/domain/organisation.js";
import { shippedProcedure } from "../../src/domain/procedures/index.js";
import {
  findCoordinator,
  generalManager,
  managersOf,
  nearestManager,
  type RoutingRequest,
  route,
} from "../../src/domain/routing.js";
import type { Role } from "../../src/domain/vocabulary.js";

type UnitSpec = [id: string, code: string, parentId: string | null, managerId: string | null];
type PersonSpec = [id: string, name: string, unitId: string, roles: Role[]];

function directory(
  country: "DK" | "NO",
  units: UnitSpec[],
  people: PersonSpec[],
  change: {
    inactive?: string[];
    noManager?: string[];
    routing?: Record<string, Record<string, string>>;
  } = {},
): Directory {
  const organisation: Organisation = {
    id: `org-${country}`,
    name: country === "DK" ? "Demo Kommune" : "Demo ASVO",
    country,
    timeZone: country === "DK" ? "Europe/Copenhagen" : "Europe/Oslo",
    closingDays: [],
    locale: country === "DK" ? "da" : "nb",
  };
  const unitList: Unit[] = units.map(([id, code, parentId, managerId]) => ({
    id,
    organisationId: organisation.id,
    code,
    name: code,
    parentId,
    managerId: change.noManager?.includes(id) ? null : managerId,
    routing: change.routing?.[id] ?? {},
    active: true,
  }));
  const personList: Person[] = people.map(([id, name, unitId, roles]) => ({
    id,
    organisationId: organisation.id,
    unitId,
    email: `${id}@kommune.example`,
    name,
    roles,
    active: !change.inactive?.includes(id),
  }));
  return {
    organisation,
    units: new Map(unitList.map((u) => [u.id, u])),
    people: new Map(personList.map((p) => [p.id, p])),
  };
}

const KOMMUNE_UNITS: UnitSpec[] = [
  ["u-root", "KOMMUNE", null, "p-director"],
  ["u-schools", "SKOLEAFD", "u-root", "p-head"],
  ["u-school-a", "SKOLE-A", "u-schools", "p-leader-a"],
  ["u-school-b", "SKOLE-B", "u-schools", "p-leader-b"],
  ["u-central", "KLAGEENHED", "u-root", null],
  ["u-employment", "BIF", "u-root", "p-emp-director"],
  ["u-job", "JOBCENTER", "u-employment", "p-job-manager"],
  ["u-benefits", "YDELSE", "u-employment", null],
  ["u-ledsek", "LEDSEK", "u-employment", "p-secretariat-head"],
];
const KOMMUNE_PEOPLE: PersonSpec[] = [
  ["p-director", "Dina Direktør", "u-root", ["manager", "approver"]],
  ["p-head", "Henrik Skolechef", "u-schools", ["manager", "approver"]],
  ["p-leader-a", "Lone Leder A", "u-school-a", ["manager", "handler"]],
  ["p-leader-b", "Lars Leder B", "u-school-b", ["manager", "handler"]],
  ["p-teacher-a", "Tove Lærer", "u-school-a", ["handler"]],
  ["p-coord-schools", "Charlotte Koordinator", "u-schools", ["coordinator"]],
  ["p-admin-handler", "Søren Sagsbehandler", "u-schools", ["handler"]],
  ["p-coord-central", "Anna Klageenhed", "u-central", ["coordinator"]],
  ["p-emp-director", "Ebbe Direktør", "u-employment", ["manager"]],
  ["p-job-manager", "Jens Jobchef", "u-job", ["manager", "handler"]],
  ["p-benefits-bo", "Bo Ydelse", "u-benefits", ["handler"]],
  ["p-benefits-ann", "Ann Ydelse", "u-benefits", ["handler"]],
  ["p-benefits-receiver", "Aase Modtager", "u-benefits", ["receiver"]],
  ["p-secretariat-head", "Signe Sekretariat", "u-ledsek", ["manager"]],
];
const kommune = (change?: Parameters<typeof directory>[3]) =>
  directory("DK", KOMMUNE_UNITS, KOMMUNE_PEOPLE, change);

const school = shippedProcedure("dk-school");
const employment = shippedProcedure("dk-employment");
const workplace = shippedProcedure("no-workplace");

const req = (over: Partial<RoutingRequest>): RoutingRequest => ({
  procedure: school,
  category: null,
  unitId: null,
  personComplainedAboutId: null,
  source: "citizen",
  ...over,
});

describe("the chain of managers", () => {
  it("a person's nearest manager is their unit's manager, or the parent's when they manage the unit", () => {
    const dir = kommune();
    expect(nearestManager("p-teacher-a", dir)?.id).toBe("p-leader-a");
    expect(nearestManager("p-leader-a", dir)?.id).toBe("p-head");
    expect(nearestManager("p-director", dir)).toBeNull();
    expect(nearestManager("p-unknown", dir)).toBeNull();
  });

  it("skips an inactive manager by walking up", () => {
    const dir = kommune({ inactive: ["p-head"] });
    expect(nearestManager("p-leader-a", dir)?.id).toBe("p-director");
    expect(managersOf("p-teacher-a", dir).map((p) => p.id)).toEqual(["p-leader-a", "p-director"]);
  });

  it("lists every manager above a person, nearest first", () => {
    expect(managersOf("p-teacher-a", kommune()).map((p) => p.id)).toEqual([
      "p-leader-a",
      "p-head",
      "p-director",
    ]);
    expect(managersOf("p-leader-a", kommune()).map((p) => p.id)).toEqual(["p-head", "p-director"]);
  });

  it("the general manager is the root unit's manager", () => {
    expect(generalManager(kommune())?.id).toBe("p-director");
  });
});

describe("findCoordinator", () => {
  it("prefers a coordinator in the unit's own chain over one earlier by name elsewhere", () => {
    expect(findCoordinator("u-school-b", kommune())?.id).toBe("p-coord-schools");
  });

  it("falls back to any active coordinator of the organisation, by name", () => {
    expect(findCoordinator("u-job", kommune())?.id).toBe("p-coord-central");
    expect(findCoordinator("u-school-a", kommune({ inactive: ["p-coord-schools"] }))?.id).toBe(
      "p-coord-central",
    );
    expect(findCoordinator(null, kommune({ inactive: ["p-coord-schools", "p-coord-central"] }))).toBeNull();
  });
});

describe("route: dk-school", () => {
  it("a complaint about a school leader goes to their manager as a personnel case", () => {
    const d = route(
      req({ category: "leadership", unitId: "u-school-a", personComplainedAboutId: "p-leader-a" }),
      kommune(),
    );
    expect(d.handlerIds).toEqual(["p-head"]);
    expect(d.confidentiality).toBe("personnel");
    expect(d.coordinatorId).toBe("p-coord-schools");
    expect(d.explanation.length).toBeGreaterThan(1);
  });

  it("a complaint about a school goes to its leader, as a normal case", () => {
    const d = route(req({ category: "school_conduct", unitId: "u-school-b" }), kommune());
    expect(d.handlerIds).toEqual(["p-leader-b"]);
    expect(d.confidentiality).toBe("normal");
    expect(d.notifyPersonIds).toEqual([]);
    expect(d.screeningUnitId).toBeNull();
  });

  it("when the person complained about manages the unit, the complaint goes up", () => {
    const d = route(
      req({ category: "school_conduct", unitId: "u-school-a", personComplainedAboutId: "p-leader-a" }),
      kommune(),
    );
    expect(d.handlerIds).toEqual(["p-head"]);
  });

  it("skips an inactive manager", () => {
    const dir = kommune({ inactive: ["p-head"] });
    const d = route(
      req({ category: "leadership", unitId: "u-school-a", personComplainedAboutId: "p-leader-a" }),
      dir,
    );
    expect(d.handlerIds).toEqual(["p-director"]);
  });

  it("with no manager anywhere, the coordinator handles it", () => {
    const dir = kommune({ noManager: ["u-root", "u-schools", "u-school-b"] });
    const d = route(req({ category: "school_conduct", unitId: "u-school-b" }), dir);
    expect(d.handlerIds).toEqual(["p-coord-schools"]);
    expect(d.coordinatorId).toBe("p-coord-schools");
  });

  it("administration conduct uses the routing table up the tree, else the coordinator", () => {
    const routing = { "u-schools": { administration_conduct: "p-admin-handler" } };
    const withTable = route(
      req({ category: "administration_conduct", unitId: "u-school-a" }),
      kommune({ routing }),
    );
    expect(withTable.handlerIds).toEqual(["p-admin-handler"]);
    const without = route(req({ category: "administration_conduct", unitId: "u-school-a" }), kommune());
    expect(without.handlerIds).toEqual(["p-coord-schools"]);
  });

  it("never makes the person complained about the handler, even via the coordinator", () => {
    const dir = kommune({ noManager: ["u-root", "u-schools", "u-school-a"] });
    const d = route(
      req({ category: "school_conduct", unitId: "u-school-a", personComplainedAboutId: "p-coord-schools" }),
      dir,
    );
    expect(d.handlerIds).toEqual(["p-coord-central"]);
    expect(d.coordinatorId).toBe("p-coord-central");
  });
});

describe("route: dk-employment", () => {
  it("routes by topic to the job-centre unit's manager", () => {
    const d = route(req({ procedure: employment, category: "job_centre" }), kommune());
    expect(d.handlerIds).toEqual(["p-job-manager"]);
  });

  it("a topic unit without a manager goes to its first handler by name", () => {
    const d = route(req({ procedure: employment, category: null, topic: "benefits" }), kommune());
    expect(d.handlerIds).toEqual(["p-benefits-ann"]);
  });

  it("complaints to the mayor are screened by the management secretariat first", () => {
    const d = route(req({ procedure: employment, category: "job_centre", source: "political" }), kommune());
    expect(d.handlerIds).toEqual(["p-secretariat-head"]);
    expect(d.screeningUnitId).toBe("u-ledsek");
    const citizen = route(
      req({ procedure: employment, category: "job_centre", source: "citizen" }),
      kommune(),
    );
    expect(citizen.screeningUnitId).toBeNull();
  });
});

const ASVO_UNITS: UnitSpec[] = [
  ["n-root", "ASVO", null, "n-gm"],
  ["n-workshop", "VERKSTED", "n-root", "n-boss"],
  ["n-admin", "ADMIN", "n-root", "n-gm"],
];
const ASVO_PEOPLE: PersonSpec[] = [
  ["n-gm", "Dagny Daglig", "n-root", ["manager", "approver"]],
  ["n-boss", "Arne Arbeidsleder", "n-workshop", ["manager", "handler"]],
  ["n-worker", "Kari Ansatt", "n-workshop", []],
  ["n-coord", "Kåre Koordinator", "n-admin", ["coordinator"]],
];
const asvo = () => directory("NO", ASVO_UNITS, ASVO_PEOPLE);

describe("route: no-workplace", () => {
  const base = { procedure: workplace, source: "employee" as const, complainantPersonId: "n-worker" };

  it("goes to the complainant's nearest superior, and the general manager is notified", () => {
    const d = route(req({ ...base, category: "working_environment", unitId: "n-workshop" }), asvo());
    expect(d.handlerIds).toEqual(["n-boss"]);
    expect(d.notifyPersonIds).toEqual(["n-gm"]);
    expect(d.confidentiality).toBe("personnel"); // seed 003: confidential by default (decision 0007)
  });

  it("goes to the general manager when it concerns that superior, as a personnel case", () => {
    const d = route(req({ ...base, category: "treatment", personComplainedAboutId: "n-boss" }), asvo());
    expect(d.handlerIds).toEqual(["n-gm"]);
    expect(d.confidentiality).toBe("personnel");
    expect(d.notifyPersonIds).toEqual(["n-gm"]);
  });

  it("a complaint about the general manager goes to the coordinator and does not notify them", () => {
    const d = route(
      req({ ...base, complainantPersonId: "n-boss", category: "treatment", personComplainedAboutId: "n-gm" }),
      asvo(),
    );
    expect(d.handlerIds).toEqual(["n-coord"]);
    expect(d.notifyPersonIds).toEqual([]);
    expect(d.confidentiality).toBe("personnel");
  });

  it("a customer's complaint is routed by category to the unit's manager", () => {
    const d = route(
      req({ procedure: workplace, source: "customer", category: "service", unitId: "n-workshop" }),
      asvo(),
    );
    expect(d.handlerIds).toEqual(["n-boss"]);
    expect(d.notifyPersonIds).toEqual(["n-gm"]);
  });
});
