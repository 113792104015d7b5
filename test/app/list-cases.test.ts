/**
 * The case list on each database: sort orders and keyset paging, every filter, full-text search
 * over subject, description and journal, and confidentiality applied in lists and search alike.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { type CaseSummary, listCases } from "../../src/app/list-cases.js";
import { registerCase } from "../../src/app/register-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { ListCasesQuery, type SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { KlaraError } from "../../src/domain/errors.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

function complaint(patch: Partial<SubmitComplaintBody> = {}): SubmitComplaintBody {
  return {
    procedure: "dk-school",
    unit: "SKOLE-A",
    complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
    subject: "Mobning i 4.b",
    description: "Min søn bliver mobbet i frikvartererne.",
    category: "school_conduct",
    ...patch,
  };
}

describe.each(DIALECTS)("listing cases (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });
  const ids = {} as Record<"a" | "b" | "c" | "personnel" | "withdrawn", string>;

  const list = (actor: Actor, query: Record<string, string> = {}) =>
    listCases(s.deps, actor, ListCasesQuery.parse(query));
  const refs = (items: CaseSummary[]) => items.map((i) => i.id);

  async function all(actor: Actor, query: Record<string, string>): Promise<CaseSummary[]> {
    const items: CaseSummary[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(actor, { ...query, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(Number(query.limit ?? 50));
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  beforeAll(async () => {
    const { actors, people } = s.org;
    ids.a = (await submitComplaint(s.deps, complaint())).receipt.id;
    s.deps.clock.set("2026-03-03T09:00:00.000Z");
    ids.b = (await submitComplaint(s.deps, complaint({ unit: "SKOLE-B", subject: "Lektiecafé" }))).receipt.id;
    s.deps.clock.set("2026-03-04T09:00:00.000Z");
    ids.c = (
      await submitComplaint(s.deps, complaint({ description: "Skolebussen Zyxwvu kom ikke." }))
    ).receipt.id;
    s.deps.clock.set("2026-03-05T09:00:00.000Z");
    // a personnel case about school A's leader: routed to the department manager at registration
    ids.personnel = (
      await registerCase(s.deps, actors.receiver, {
        ...complaint({ category: "leadership", description: "Skolelederen Qwertzu råbte ad mig." }),
        channel: "phone",
        source: "citizen",
        personComplainedAbout: people.leaderA.id,
        needsConfirmation: false,
      })
    ).case.id;
    s.deps.clock.set("2026-03-06T09:00:00.000Z");
    ids.withdrawn = (await submitComplaint(s.deps, complaint({ subject: "Trukket tilbage" }))).receipt.id;
    await runCaseCommand(s.deps, actors.receiver, ids.withdrawn, "withdraw", { reason: "Løst i telefonen" });
    await runCaseCommand(s.deps, actors.receiver, ids.b, "acknowledge", {});
    await runCaseCommand(s.deps, actors.receiver, ids.b, "assign", {});
    await runCaseCommand(s.deps, actors.leaderB, ids.b, "add-note", {
      title: "Samtale med forælder",
      body: "Forælderen nævnte Plopfisk-projektet.",
    });
  });

  it("sorts by the next deadline, cases with nothing due last, and pages without gaps", async () => {
    const { actors } = s.org;
    const page = await list(actors.admin);
    expect(page.nextCursor).toBeNull();
    const dated = page.items.filter((i) => i.nextDeadline);
    const dueDates = dated.map((i) => i.nextDeadline?.dueDate ?? "");
    expect(dueDates).toEqual([...dueDates].sort());
    expect(page.items.at(-1)?.id).toBe(ids.withdrawn);
    expect(page.items.at(-1)?.nextDeadline).toBeNull();
    expect(page.items).toHaveLength(5);

    const paged = await all(actors.admin, { limit: "2" });
    expect(refs(paged)).toEqual(refs(page.items));
  });

  it("sorts by receipt, newest first or oldest first, and pages the same way", async () => {
    const { actors } = s.org;
    const newest = await all(actors.admin, { sort: "-received", limit: "2" });
    expect(refs(newest)).toEqual([ids.withdrawn, ids.personnel, ids.c, ids.b, ids.a]);
    const oldest = await all(actors.admin, { sort: "received", limit: "3" });
    expect(refs(oldest)).toEqual([ids.a, ids.b, ids.c, ids.personnel, ids.withdrawn]);
  });

  it("presents a summary with handlers, the next deadline and overdue", async () => {
    const { actors, people } = s.org;
    const b = (await list(actors.admin, { unit: "SKOLE-B" })).items;
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({
      id: ids.b,
      status: "assigned",
      procedure: "dk-school",
      type: expect.any(String),
      category: "school_conduct",
      subject: "Lektiecafé",
      unitId: s.org.units.schoolB.id,
      channel: expect.any(String),
      confidentiality: "normal",
      handlers: [people.leaderB.id],
      nextDeadline: { kind: "draft", dueDate: expect.stringMatching(/^2026-03-\d\d$/) },
      overdue: false,
    });
  });

  it("filters by status, unit, category, procedure, assignee and due date", async () => {
    const { actors } = s.org;
    expect(refs((await list(actors.admin, { status: "withdrawn" })).items)).toEqual([ids.withdrawn]);
    expect(refs((await list(actors.admin, { unit: "SKOLE-B" })).items)).toEqual([ids.b]);
    expect((await list(actors.admin, { category: "leadership" })).items.map((i) => i.id)).toEqual([
      ids.personnel,
    ]);
    expect((await list(actors.admin, { procedure: "dk-employment" })).items).toEqual([]);
    expect(refs((await list(actors.leaderB, { assignee: "me" })).items)).toEqual([ids.b]);
    const unassigned = refs((await list(actors.admin, { assignee: "none", sort: "received" })).items);
    expect(unassigned).toEqual([ids.a, ids.c, ids.withdrawn]);
    // open=true leaves out the cases that have ended
    const open = refs((await list(actors.admin, { assignee: "none", sort: "received", open: "true" })).items);
    expect(open).toEqual([ids.a, ids.c]);
    const byEmail = await list(actors.admin, { assignee: s.org.people.leaderB.email });
    expect(refs(byEmail.items)).toEqual([ids.b]);
    // acknowledgement of a (received Mon 2 March) is due 3 working days later, Thu 5 March
    const dueSoon = await list(actors.admin, { dueBefore: "2026-03-06" });
    expect(refs(dueSoon.items)).toContain(ids.a);
    expect(refs(dueSoon.items)).not.toContain(ids.withdrawn);
  });

  it("marks and filters overdue cases by the organisation's local date", async () => {
    const { actors } = s.org;
    // 22:30 on Thu 5 March in Copenhagen: the acknowledgement of a is due today, not overdue
    s.deps.clock.set("2026-03-05T21:30:00.000Z");
    expect((await list(actors.admin, { overdue: "true" })).items).toEqual([]);
    // 00:30 on Fri 6 March in Copenhagen (still 5 March in UTC): overdue now
    s.deps.clock.set("2026-03-05T23:30:00.000Z");
    const overdue = (await list(actors.admin, { overdue: "true" })).items;
    expect(refs(overdue)).toContain(ids.a);
    expect(overdue.every((i) => i.overdue)).toBe(true);
    const notOverdue = (await list(actors.admin, { overdue: "false" })).items;
    expect(refs(notOverdue)).not.toContain(ids.a);
    expect(refs(notOverdue)).toContain(ids.withdrawn);
    s.deps.clock.set("2026-03-06T09:00:00.000Z");
  });

  it("finds cases by words in the subject, the description and the journal", async () => {
    const { actors } = s.org;
    expect(refs((await list(actors.admin, { q: "zyxwvu" })).items)).toEqual([ids.c]);
    expect(refs((await list(actors.admin, { q: "Lektiecafé" })).items)).toEqual([ids.b]);
    expect(refs((await list(actors.admin, { q: "Plopfisk" })).items)).toEqual([ids.b]);
    expect((await list(actors.admin, { q: "ingenting-her" })).items).toEqual([]);
    // search syntax in the query is taken as words, never as an error
    expect((await list(actors.admin, { q: 'NOT "(* OR' })).items).toEqual([]);
  });

  it("shows a personnel case only to its handler, the managers concerned, legal and admins", async () => {
    const { actors } = s.org;
    const seesIt = async (actor: Actor) => {
      const listed = refs((await list(actor)).items).includes(ids.personnel);
      const found = refs((await list(actor, { q: "Qwertzu" })).items).includes(ids.personnel);
      expect(found).toBe(listed);
      return listed;
    };
    expect(await seesIt(actors.admin)).toBe(true);
    expect(await seesIt(actors.legal)).toBe(true);
    expect(await seesIt(actors.manager)).toBe(true);
    expect(await seesIt(actors.director)).toBe(true);
    expect(await seesIt(actors.receiver)).toBe(false);
    expect(await seesIt(actors.coordinator)).toBe(false);
    expect(await seesIt(actors.leaderB)).toBe(false);
    // the person complained about is not their own manager
    expect(await seesIt(actors.leaderA)).toBe(false);
  });

  it("refuses analysts, unknown units and people, and foreign cursors", async () => {
    const { actors } = s.org;
    await expect(list(actors.analyst)).rejects.toMatchObject({ code: "forbidden" });
    const unit = await list(actors.admin, { unit: "NOPE" }).catch((e: KlaraError) => e);
    expect(unit).toBeInstanceOf(KlaraError);
    expect((unit as KlaraError).details.fieldErrors?.[0]?.path).toBe("unit");
    const person = await list(actors.admin, { assignee: "nobody@example.org" }).catch((e: KlaraError) => e);
    expect((person as KlaraError).details.fieldErrors?.[0]?.path).toBe("assignee");
    const first = await list(actors.admin, { limit: "1" });
    expect(first.nextCursor).toBeTruthy();
    const wrongSort = await list(actors.admin, { sort: "received", cursor: first.nextCursor ?? "" }).catch(
      (e: KlaraError) => e,
    );
    expect((wrongSort as KlaraError).details.fieldErrors?.[0]?.path).toBe("cursor");
    const garbage = await list(actors.admin, { cursor: "not-a-cursor" }).catch((e: KlaraError) => e);
    expect((garbage as KlaraError).details.fieldErrors?.[0]?.path).toBe("cursor");
  });
});
