/**
 * Setting up a real authority without the demo, on each database: organisation add (with a first
 * admin who can sign in), setup apply (the shipped example; idempotent; errors named by line,
 * nothing written), and closing days that every later deadline honours and explains.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { verify } from "argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOrganisation } from "../../src/app/add-organisation.js";
import { getClosingDays, setClosingDays } from "../../src/app/closing-days.js";
import { applySetup } from "../../src/app/setup-apply.js";
import { SetupFileError } from "../../src/app/setup-file.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase } from "../../src/db/case.repository.js";
import {
  findPersonByEmail,
  listOrganisations,
  listProcedures,
  loadDirectory,
} from "../../src/db/organisation.repository.js";
import { findCredentials } from "../../src/db/session.repository.js";
import { KlaraError } from "../../src/domain/errors.js";
import { testDeps } from "../support/fixtures.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

const EXAMPLE = readFileSync(join(import.meta.dirname, "..", "..", "docs", "setup-example.yaml"), "utf8");

describe.each(DIALECTS)("setting up without the demo (%s)", (dialect) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    deps = testDeps(t.db, "2026-12-01T09:00:00.000Z");
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("organisation add creates the organisation, its top unit and an admin who signs in", async () => {
    const added = await addOrganisation(deps, {
      name: "Ny Kommune",
      country: "DK",
      admin: { email: "Admin@Ny.example", name: "Ada Admin" },
    });
    expect(added.organisation).toMatchObject({
      name: "Ny Kommune",
      timeZone: "Europe/Copenhagen",
      locale: "da",
    });
    const directory = await loadDirectory(t.db.kysely, added.organisation.id);
    expect([...directory!.units.values()].map((u) => u.code)).toEqual(["ORG"]);
    const admin = await findPersonByEmail(t.db.kysely, "admin@ny.example");
    expect(admin).toMatchObject({ roles: ["admin"], organisationId: added.organisation.id });
    expect(added.admin!.password.length).toBeGreaterThanOrEqual(20);
    // the initial password is what sign-in checks against (stored only as its argon2 hash)
    const credentials = await findCredentials(t.db.kysely, "admin@ny.example");
    expect(credentials!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verify(credentials!.passwordHash!, added.admin!.password)).toBe(true);
    await expect(addOrganisation(deps, { name: "ny kommune", country: "DK" })).rejects.toThrow(
      /already exists/,
    );
    await expect(addOrganisation(deps, { name: "Z", country: "SE" as "DK" })).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(
      addOrganisation(deps, { name: "Z", country: "NO", timeZone: "Mars/Olympus" }),
    ).rejects.toMatchObject({ details: { fieldErrors: [{ path: "timeZone" }] } });
  });

  it("setup apply creates everything in the example file, and a second apply changes nothing", async () => {
    const first = await applySetup(deps, EXAMPLE, "setup-example.yaml");
    expect(first.changes.length).toBeGreaterThan(10);
    const org = (await listOrganisations(t.db.kysely)).find((o) => o.name === "Eksempel Kommune")!;
    expect(org.closingDays).toEqual(["2027-06-05", "2027-12-24", "2027-12-31"]);
    const directory = (await loadDirectory(t.db.kysely, org.id))!;
    const units = new Map([...directory.units.values()].map((u) => [u.code, u]));
    expect([...units.keys()].sort()).toEqual(["KLAGE", "KOMMUNE", "SKOLE", "SKOLE-A"]);
    expect(units.get("SKOLE-A")!.parentId).toBe(units.get("SKOLE")!.id);
    const chef = [...directory.people.values()].find((p) => p.email === "skolechef@eksempel.example")!;
    expect(units.get("SKOLE")!.managerId).toBe(chef.id);
    expect(directory.people.size).toBe(6);
    expect((await listProcedures(t.db.kysely, org.id)).map((p) => p.id)).toEqual([
      "dk-central-unit",
      "dk-school",
    ]);

    const second = await applySetup(deps, EXAMPLE, "setup-example.yaml");
    expect(second.changes).toEqual([]);

    const edited = EXAMPLE.replace("name: Bo Behandler", "name: Bo B. Behandler").replace(
      "roles: [handler]\n",
      "roles: [handler]\n        active: false\n",
    );
    const third = await applySetup(deps, edited, "setup-example.yaml");
    expect(third.changes).toEqual([
      "Eksempel Kommune: changed behandler@eksempel.example",
      "Eksempel Kommune: deactivated behandler@eksempel.example",
    ]);
  });

  it("takes JSON too, with errors by line", async () => {
    const json = JSON.stringify(
      {
        organisations: [
          {
            name: "Eksempel ASVO",
            country: "NO",
            units: [{ code: "ASVO", name: "Eksempel ASVO" }],
            people: [{ email: "leder@asvo.test", name: "Lea Leder", unit: "ASVO", roles: ["manager"] }],
            procedures: ["no-workplace"],
          },
        ],
      },
      null,
      2,
    );
    const applied = await applySetup(deps, json, "setup.json");
    expect(applied.changes).toContain("Eksempel ASVO: installed the procedure no-workplace");
    const org = (await listOrganisations(t.db.kysely)).find((o) => o.name === "Eksempel ASVO")!;
    expect(org).toMatchObject({ country: "NO", timeZone: "Europe/Oslo", locale: "nb" });
    expect((await applySetup(deps, json, "setup.json")).changes).toEqual([]);
    const bad = json.replace('"manager"', '"boss"');
    await expect(applySetup(deps, bad, "setup.json")).rejects.toThrow(/^setup\.json: 1 error: line 18: /);
  });

  it("names every error by line and writes nothing", async () => {
    const bad = [
      "organisations:", // 1
      "  - name: Fejl Kommune", // 2
      "    country: DK", // 3
      "    closingDays: ['2020-01-01', '2027-13-01']", // 4
      "    units:", // 5
      "      - code: TOP", // 6
      "        name: Top", // 7
      "      - code: SUB", // 8
      "        name: Sub", // 9
      "        parent: NOPE", // 10
      "    people:", // 11
      "      - email: x@fejl.example", // 12
      "        name: X", // 13
      "        unit: TOP", // 14
      "        roles: [boss]", // 15
      "    procedures: [dk-nothing]", // 16
    ].join("\n");
    let error: unknown;
    try {
      await applySetup(deps, bad, "bad.yaml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SetupFileError);
    // schema errors first (the roles), all of them by line
    expect((error as SetupFileError).errors.map((e) => e.line)).toEqual([15]);
    expect((error as Error).message).toMatch(
      /^bad\.yaml: 1 error: line 15: organisations\[0\]\.people\[0\]\.roles\[0\]/,
    );

    const semantic = bad.replace("roles: [boss]", "roles: [handler]");
    let second: unknown;
    try {
      await applySetup(deps, semantic, "bad.yaml");
    } catch (e) {
      second = e;
    }
    expect((second as SetupFileError).errors.map((e) => e.line)).toEqual([4, 4, 10, 16]);
    expect((second as Error).message).toContain("2020-01-01 is in the past");
    expect((second as Error).message).toContain('"2027-13-01" is not a date');
    expect((second as Error).message).toContain('there is no unit "NOPE"');
    expect((await listOrganisations(t.db.kysely)).map((o) => o.name)).not.toContain("Fejl Kommune");

    let syntax: unknown;
    try {
      await applySetup(deps, "organisations:\n  - name: [unclosed\n", "syntax.yaml");
    } catch (e) {
      syntax = e;
    }
    expect(syntax).toBeInstanceOf(SetupFileError);
    expect((syntax as SetupFileError).errors[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe.each(DIALECTS)("closing days (%s)", (dialect) => {
  // Mon 2 March 2026, 10:00 Copenhagen: dk-school's acknowledgement (3 working days) is due Thu 5 March.
  const RECEIVED = "2026-03-02T09:00:00.000Z";
  const s = useSeededDb(dialect, { country: "DK" }, RECEIVED);
  const complaint = {
    procedure: "dk-school",
    unit: "SKOLE-A",
    complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
    subject: "Mobning",
    description: "Min søn bliver mobbet.",
    category: "school_conduct",
  };

  const acknowledgeDeadline = async () => {
    const id = (await submitComplaint(s.deps, complaint)).receipt.id;
    const deadline = (await findCase(s.t.db.kysely, id))!.deadlines.find((d) => d.kind === "acknowledge")!;
    return { ...deadline, caseId: id };
  };

  it("a deadline computed after the change moves past the closing day and names it", async () => {
    const before = await acknowledgeDeadline();
    expect(before.dueDate).toBe("2026-03-05");

    const days = await setClosingDays(
      s.deps,
      s.org.organisation.id,
      { add: ["2026-03-05", "2026-12-24"] },
      s.org.actors.admin,
    );
    expect(days).toEqual(["2026-03-05", "2026-12-24"]);
    expect(await getClosingDays(s.deps, s.org.organisation.id)).toEqual(days);

    const after = await acknowledgeDeadline();
    expect(after.dueDate).toBe("2026-03-06");
    expect(after.explanation).toContain("Thu 5 Mar 2026; not a working day (closing day) → Fri 6 Mar 2026");
    // the deadline computed before keeps its date
    const earlier = await findCase(s.t.db.kysely, before.caseId);
    expect(earlier!.deadlines.find((d) => d.kind === "acknowledge")!.dueDate).toBe("2026-03-05");

    expect(await setClosingDays(s.deps, s.org.organisation.id, { remove: ["2026-03-05"] })).toEqual([
      "2026-12-24",
    ]);
    expect((await acknowledgeDeadline()).dueDate).toBe("2026-03-05");
  });

  it("refuses a past or malformed date, naming it, and changes nothing", async () => {
    const refused = setClosingDays(s.deps, s.org.organisation.id, {
      add: ["2026-03-01", "2026-02-30", "24-12-2026"],
    });
    await expect(refused).rejects.toBeInstanceOf(KlaraError);
    const error = (await refused.catch((e: KlaraError) => e)) as KlaraError;
    expect(error.code).toBe("invalid_input");
    expect(error.details.fieldErrors).toEqual([
      { path: "add.1", message: '"2026-02-30" is not a date (YYYY-MM-DD)' },
      { path: "add.2", message: '"24-12-2026" is not a date (YYYY-MM-DD)' },
      { path: "add.0", message: "2026-03-01 is in the past; only today or later can be a closing day" },
    ]);
    expect(await getClosingDays(s.deps, s.org.organisation.id)).toEqual(["2026-12-24"]);
  });

  it("only the organisation's admins change them", async () => {
    await expect(
      setClosingDays(s.deps, s.org.organisation.id, { add: ["2026-06-05"] }, s.org.actors.coordinator),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
