/**
 * The confidentiality policy through the use cases, on each database (decision 0007): need to know
 * in lists and on the case; a public "leadership" complaint kept from the leader it may concern;
 * no-workplace complaints confidential by default; nobody sees or finds a complaint about themselves;
 * no directory without a role; staff search by reference, complainant name and e-mail.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { getCase } from "../../src/app/get-case.js";
import { getDirectory } from "../../src/app/get-directory.js";
import { listCases } from "../../src/app/list-cases.js";
import { registerCase } from "../../src/app/register-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { ListCasesQuery, type SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { KlaraError } from "../../src/domain/errors.js";
import { presentCase } from "../../src/http/api/case.presenter.js";
import { type SeededOrganisation, seedOrganisation } from "../support/fixtures.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("confidentiality and need to know (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });
  let dk: SeededOrganisation;
  let no: SeededOrganisation;
  const ids = {} as Record<
    "school" | "sickPay" | "leadership" | "workshop" | "aboutSuperior" | "aboutColleague",
    string
  >;
  const refs = {} as Record<"school", string>;

  const list = async (actor: Actor, query: Record<string, string> = {}) =>
    (await listCases(s.deps, actor, ListCasesQuery.parse(query))).items.map((i) => i.id);
  const seesOnPage = async (actor: Actor, id: string) => {
    try {
      await getCase(s.deps, actor, id);
      return true;
    } catch (e) {
      if (e instanceof KlaraError && e.code === "forbidden") return false;
      throw e;
    }
  };

  beforeAll(async () => {
    dk = s.org;
    no = await seedOrganisation(s.deps, { country: "NO", procedureIdSuffix: "-no" });
    const school: SubmitComplaintBody = {
      procedure: dk.procedureIds["dk-school"]!,
      unit: "SKOLE-A",
      complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
      subject: "Mobning i 4.b",
      description: "Min søn bliver mobbet.",
      category: "school_conduct",
    };
    const schoolReceipt = (await submitComplaint(s.deps, school)).receipt;
    ids.school = schoolReceipt.id;
    refs.school = schoolReceipt.reference;
    ids.sickPay = (
      await submitComplaint(s.deps, {
        procedure: dk.procedureIds["dk-employment"]!,
        unit: "JOBCENTER",
        complainant: { name: "Søren Syg", email: "soren.syg@example.dk", anonymous: false },
        subject: "Min sygedagpenge er stoppet",
        description: "Sygedagpengene stoppede uden varsel.",
        category: "job_centre",
      })
    ).receipt.id;
    // a public complaint about "the leadership" of school A: nobody named
    ids.leadership = (
      await submitComplaint(s.deps, {
        ...school,
        complainant: { name: "Frida Far", email: "frida@example.dk", anonymous: false },
        subject: "Ledelsen på Aaskolen",
        description: "Skolens ledelse svarer aldrig.",
        category: "leadership",
      })
    ).receipt.id;
    const workplace = no.procedureIds["no-workplace"]!;
    // a participant (not a person of the organisation) complains about school A's workshop
    ids.workshop = (
      await submitComplaint(s.deps, {
        procedure: workplace,
        source: "participant",
        unit: "SKOLE-A",
        complainant: { name: "Siri Deltaker", email: "siri@example.no", anonymous: false },
        subject: "Verktøyet er ødelagt",
        description: "Dreiebenken har vært ødelagt i tre uker.",
        category: "safety",
      } as SubmitComplaintBody)
    ).receipt.id;
    // an employee of school A complains about their own superior, in a category that is not personnel
    ids.aboutSuperior = (
      await registerCase(s.deps, no.actors.receiver, {
        procedure: workplace,
        unit: "SKOLE-A",
        channel: "in_person",
        source: "employee",
        complainant: { name: no.people.teacherA.name, email: no.people.teacherA.email, anonymous: false },
        subject: "Arbeidsmiljøet",
        description: "Lederen fordeler vaktene urettferdig.",
        category: "working_environment",
        personComplainedAbout: no.people.leaderA.id,
        needsConfirmation: false,
      })
    ).case.id;
    // a DK complaint naming a teacher, in a normal category: a personnel case all the same
    ids.aboutColleague = (
      await registerCase(s.deps, dk.actors.receiver, {
        ...school,
        channel: "phone",
        source: "citizen",
        subject: "Læreren på Aaskolen",
        personComplainedAbout: dk.people.teacherA.id,
        needsConfirmation: false,
      })
    ).case.id;
  });
  afterAll(async () => {});

  it("a school leader no longer lists or opens employment complaints; the job centre does", async () => {
    const { actors } = dk;
    expect(await list(actors.leaderA)).toContain(ids.school);
    expect(await list(actors.leaderA)).not.toContain(ids.sickPay);
    expect(await list(actors.leaderA, { q: "sygedagpenge" })).not.toContain(ids.sickPay);
    expect(await seesOnPage(actors.leaderA, ids.sickPay)).toBe(false);
    expect(await list(actors.leaderB)).not.toContain(ids.school); // another school's case
    expect(await list(actors.handler1)).toContain(ids.sickPay);
    expect(await list(actors.handler1)).not.toContain(ids.school);
    // intake, legal and admins see every normal case
    for (const who of [actors.receiver, actors.coordinator, actors.legal, actors.admin]) {
      expect(await list(who)).toEqual(expect.arrayContaining([ids.school, ids.sickPay]));
    }
  });

  it("a public leadership complaint is neither routed to, shown to nor found by the school's leader", async () => {
    const { actors, people } = dk;
    const detail = await getCase(s.deps, actors.manager, ids.leadership);
    expect(detail.case.confidentiality).toBe("personnel");
    expect(detail.case.handlers.map((h) => h.personId)).toEqual([people.manager.id]);
    expect(await seesOnPage(actors.leaderA, ids.leadership)).toBe(false);
    expect(await list(actors.leaderA)).not.toContain(ids.leadership);
    expect(await list(actors.leaderA, { q: "ledelse" })).not.toContain(ids.leadership);
    expect(await list(actors.leaderA, { q: "Frida" })).not.toContain(ids.leadership);
    // the managers above the school see it; intake does not
    expect(await list(actors.director)).toContain(ids.leadership);
    expect(await list(actors.receiver)).not.toContain(ids.leadership);
  });

  it("no-workplace: complaints are confidential by default; another unit's leader cannot read one", async () => {
    const { actors, people } = no;
    const detail = await getCase(s.deps, actors.leaderA, ids.workshop);
    expect(detail.case.confidentiality).toBe("personnel");
    expect(detail.case.handlers.map((h) => h.personId)).toEqual([people.leaderA.id]);
    expect(await seesOnPage(actors.leaderB, ids.workshop)).toBe(false);
    expect(await list(actors.leaderB)).not.toContain(ids.workshop);
    expect(await list(actors.leaderB, { q: "Dreiebenken" })).not.toContain(ids.workshop);
    // the managers above the unit (the general manager at the top) see it
    expect(await list(actors.director)).toContain(ids.workshop);
    expect(await list(actors.manager)).toContain(ids.workshop);
  });

  it("a complaint about one's own superior is invisible and unsearchable for that superior", async () => {
    const { actors, people } = no;
    const detail = await getCase(s.deps, actors.director, ids.aboutSuperior);
    expect(detail.case.confidentiality).toBe("personnel");
    expect(detail.case.handlers.map((h) => h.personId)).not.toContain(people.leaderA.id);
    expect(await seesOnPage(actors.leaderA, ids.aboutSuperior)).toBe(false);
    expect(await list(actors.leaderA)).not.toContain(ids.aboutSuperior);
    expect(await list(actors.leaderA, { q: "vaktene" })).not.toContain(ids.aboutSuperior);
    expect(await list(actors.leaderA, { q: people.teacherA.name })).not.toContain(ids.aboutSuperior);
    expect(await list(actors.leaderA, { q: people.teacherA.email })).not.toContain(ids.aboutSuperior);
    // not even an admin sees a complaint about themselves; others with the right do
    expect(await list(actors.legal)).toContain(ids.aboutSuperior);
  });

  it("a complaint about a named person is a personnel case whatever its category", async () => {
    const { actors } = dk;
    const detail = await getCase(s.deps, actors.leaderA, ids.aboutColleague);
    expect(detail.case.category).toBe("school_conduct");
    expect(detail.case.confidentiality).toBe("personnel");
    expect(await seesOnPage(actors.teacherA, ids.aboutColleague)).toBe(false);
    expect(await seesOnPage(actors.leaderB, ids.aboutColleague)).toBe(false);
    expect(await seesOnPage(actors.receiver, ids.aboutColleague)).toBe(false);
  });

  it("a linked personnel case shows to readers of the other case only as a linked confidential case", async () => {
    const { actors } = dk;
    const leadership = (await getCase(s.deps, actors.manager, ids.leadership)).case;
    await runCaseCommand(s.deps, actors.manager, ids.leadership, "link", { case: refs.school });
    const seen = await getCase(s.deps, actors.leaderA, ids.school);
    expect(seen.links).toEqual([{ caseId: null, reference: null, leadCaseId: null, confidential: true }]);
    const json = JSON.stringify(presentCase(seen));
    expect(json).not.toContain(leadership.id);
    expect(json).not.toContain(leadership.reference);
    expect(presentCase(seen).links).toEqual([
      { case: null, reference: null, lead: null, confidential: true },
    ]);
    // who may see both sees the link as it is
    const full = await getCase(s.deps, actors.manager, ids.school);
    expect(full.links).toEqual([
      { caseId: ids.leadership, reference: leadership.reference, leadCaseId: null, confidential: false },
    ]);
  });

  it("staff with the right raise or lower a case's confidentiality with a reason, journalised", async () => {
    const { actors } = no;
    await expect(
      runCaseCommand(s.deps, actors.leaderA, ids.workshop, "set-confidentiality", {
        level: "normal",
        reason: " ",
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect(await list(actors.receiver)).not.toContain(ids.workshop);
    const lowered = await runCaseCommand(s.deps, actors.leaderA, ids.workshop, "set-confidentiality", {
      level: "normal",
      reason: "Nothing personal in it; the workshop may see it.",
    });
    expect(lowered.confidentiality).toBe("normal");
    expect((await getCase(s.deps, actors.leaderA, ids.workshop)).journal.at(-1)).toMatchObject({
      kind: "confidentiality",
      title: "Confidentiality: personnel → normal",
      body: "Nothing personal in it; the workshop may see it.",
    });
    // now a normal case: intake sees it, another unit's leader still does not (need to know)
    expect(await list(actors.receiver)).toContain(ids.workshop);
    expect(await list(actors.leaderB)).not.toContain(ids.workshop);
    await runCaseCommand(s.deps, actors.director, ids.workshop, "set-confidentiality", {
      level: "personnel",
      reason: "It names a colleague after all.",
    });
    expect(await list(actors.receiver)).not.toContain(ids.workshop);
    // a complaint about a named person stays personnel; a person without the right may not change it
    await expect(
      runCaseCommand(s.deps, actors.director, ids.aboutSuperior, "set-confidentiality", {
        level: "normal",
        reason: "Try",
      }),
    ).rejects.toMatchObject({ code: "invalid_state" });
    await expect(
      runCaseCommand(s.deps, dk.actors.receiver, ids.school, "set-confidentiality", {
        level: "personnel",
        reason: "Try",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a case the linker may not see cannot be linked: it is no such case", async () => {
    const { actors } = dk;
    const sickPay = (await getCase(s.deps, actors.admin, ids.sickPay)).case;
    await expect(
      runCaseCommand(s.deps, actors.leaderA, ids.school, "link", { case: sickPay.reference }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect((await getCase(s.deps, actors.admin, ids.school)).case.links.map((l) => l.caseId)).not.toContain(
      ids.sickPay,
    );
  });

  it("people with no role get no directory", async () => {
    await expect(getDirectory(s.deps, dk.actors.teacherA)).rejects.toMatchObject({ code: "forbidden" });
    const directory = await getDirectory(s.deps, dk.actors.analyst);
    expect(directory.people.length).toBeGreaterThan(5);
  });

  it("staff search finds a case by reference with or without KLA-, complainant name and e-mail", async () => {
    const { actors } = dk;
    const bare = refs.school.replace(/^KLA-/, "");
    expect(await list(actors.receiver, { q: refs.school })).toEqual([ids.school]);
    expect(await list(actors.receiver, { q: bare })).toEqual([ids.school]);
    expect(await list(actors.receiver, { q: refs.school.toLowerCase() })).toEqual([ids.school]);
    expect(await list(actors.receiver, { q: "Mette" })).toEqual(expect.arrayContaining([ids.school]));
    expect(await list(actors.receiver, { q: "mette mor" })).toContain(ids.school);
    expect(await list(actors.receiver, { q: "METTE@example.dk" })).toContain(ids.school);
    expect(await list(actors.receiver, { q: "Søren Syg" })).toEqual([ids.sickPay]);
    // personnel rules apply: the leader may not find the leadership complaint by its complainant
    expect(await list(actors.manager, { q: "Frida Far" })).toEqual([ids.leadership]);
    expect(await list(actors.leaderA, { q: "Frida Far" })).not.toContain(ids.leadership);
    expect(await list(actors.leaderA, { q: "frida@example.dk" })).not.toContain(ids.leadership);
  });
});
