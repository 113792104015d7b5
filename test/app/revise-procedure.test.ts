/** Revising a procedure: a new version for new complaints, the old one kept by existing cases. */
import { describe, expect, it } from "vitest";
import { reviseProcedure } from "../../src/app/revise-procedure.js";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase } from "../../src/db/case.repository.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const complaint: SubmitComplaintBody = {
  procedure: "dk-school",
  unit: "SKOLE-A",
  complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
  subject: "Mobning",
  description: "Min søn bliver mobbet.",
  category: "school_conduct",
};

describe.each(DIALECTS)("revising a procedure (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });

  it("gives new complaints the new deadlines and leaves existing cases as they were", async () => {
    const old = (await submitComplaint(s.deps, complaint)).receipt;
    const d = s.org.procedures["dk-school"]!;
    const version = await reviseProcedure(s.deps, s.org.actors.admin, "dk-school", {
      deadlines: d.deadlines.map((r) =>
        r.kind === "reply" ? { length: 20, unit: "calendar_days" } : { length: r.length, unit: r.unit },
      ),
      categories: d.categories.map((c) => ({
        name: c.name,
        handler: c.handler,
        confidentiality: c.confidentiality,
      })),
    });
    expect(version).toBe(2);
    const fresh = (await submitComplaint(s.deps, complaint)).receipt;
    // received Monday 2 March 2026: 30 days → Wed 1 April before, 20 days → Sun 22 March → Mon 23 March after
    expect(old.deadlines.find((x) => x.kind === "reply")?.dueDate).toBe("2026-04-01");
    expect(fresh.deadlines.find((x) => x.kind === "reply")?.dueDate).toBe("2026-03-23");
    expect((await findCase(s.t.db.kysely, old.id))?.procedureVersion).toBe(1);
    expect((await findCase(s.t.db.kysely, fresh.id))?.procedureVersion).toBe(2);
  });

  it("refuses non-admins and invalid lengths, writing no version", async () => {
    const d = s.org.procedures["dk-school"]!;
    const revision = {
      deadlines: d.deadlines.map((r) => ({ length: r.length, unit: r.unit })),
      categories: d.categories.map((c) => ({
        name: c.name,
        handler: c.handler,
        confidentiality: c.confidentiality,
      })),
    };
    await expect(
      reviseProcedure(s.deps, s.org.actors.coordinator, "dk-school", revision),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const bad = { ...revision, deadlines: revision.deadlines.map((r) => ({ ...r, length: 0 })) };
    await expect(reviseProcedure(s.deps, s.org.actors.admin, "dk-school", bad)).rejects.toMatchObject({
      code: "invalid_input",
    });
    const head = await s.t.db.kysely
      .selectFrom("procedures")
      .select("current_version")
      .where("id", "=", "dk-school")
      .executeTakeFirstOrThrow();
    expect(head.current_version).toBe(2);
  });

  it("adds a category and retires another: new complaints see the change, old cases keep theirs", async () => {
    const before = (await submitComplaint(s.deps, { ...complaint, category: "administration_conduct" }))
      .receipt;
    const d = s.org.procedures["dk-school"]!;
    const same = d.categories.map((c) => ({
      name: c.name,
      handler: c.handler,
      confidentiality: c.confidentiality,
    }));
    const revision = {
      deadlines: d.deadlines.map((r) => ({ length: r.length, unit: r.unit })),
      categories: d.categories.map((c, i) => ({ ...same[i]!, retire: c.code === "administration_conduct" })),
      added: {
        code: "transport",
        name: { da: "Skolebus" },
        handler: "coordinator" as const,
        confidentiality: "normal" as const,
      },
    };
    const duplicate = { ...revision, added: { ...revision.added, code: "leadership" } };
    await expect(reviseProcedure(s.deps, s.org.actors.admin, "dk-school", duplicate)).rejects.toMatchObject({
      code: "invalid_input",
      details: { fieldErrors: [{ path: "added.code" }] },
    });
    const version = await reviseProcedure(s.deps, s.org.actors.admin, "dk-school", revision);
    const head = await s.t.db.kysely
      .selectFrom("procedure_versions")
      .select("definition")
      .where("procedure_id", "=", "dk-school")
      .where("version", "=", version)
      .executeTakeFirstOrThrow();
    const codes = (JSON.parse(String(head.definition)) as { categories: { code: string }[] }).categories.map(
      (c) => c.code,
    );
    expect(codes).toEqual(["school_conduct", "leadership", "transport"]);
    const bus = (await submitComplaint(s.deps, { ...complaint, category: "transport" })).receipt;
    expect((await findCase(s.t.db.kysely, bus.id))?.category).toBe("transport");
    await expect(
      submitComplaint(s.deps, { ...complaint, category: "administration_conduct" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect((await findCase(s.t.db.kysely, before.id))?.category).toBe("administration_conduct");
  });
});
