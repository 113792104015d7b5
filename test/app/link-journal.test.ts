/** Linking journals on both cases (issue 10 point 7), on each database. */
import { describe, expect, it } from "vitest";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { journalOf } from "../../src/db/case.repository.js";
import { verifyChain } from "../../src/domain/journal.js";
import { linkedFromEntry } from "../../src/domain/link-proposals.js";
import { translator } from "../../src/web/i18n/messages.js";
import { journalTitle } from "../../src/web/journal-text.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

describe("the other case's journal entry", () => {
  it("names a normal case by reference and never a personnel case", () => {
    expect(linkedFromEntry({ reference: "KLA-2026-000007", confidentiality: "normal" }, true).title).toBe(
      "Linked from KLA-2026-000007 (this case is the lead)",
    );
    const hidden = linkedFromEntry({ reference: "KLA-2026-000008", confidentiality: "personnel" }, false);
    expect(hidden.title).toBe("Linked from a confidential case");
    expect(JSON.stringify(hidden)).not.toContain("KLA-2026-000008");
  });
});

describe.each(DIALECTS)("linking journals on both cases (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });

  const complaint = (email: string) =>
    submitComplaint(s.deps, {
      procedure: s.org.procedureIds["dk-central-unit"]!,
      unit: "SKOLE-A",
      complainant: { name: "Anna", email, anonymous: false },
      subject: "Lukning af fritidsklubben",
      description: "Klubben lukker uden varsel.",
    });

  it("records the link in the journal of the case named as well, hash chain intact", async () => {
    const merged = (await complaint("anna@example.dk")).receipt;
    const lead = (await complaint("bo@example.dk")).receipt;
    await runCaseCommand(s.deps, s.org.actors.coordinator, merged.id, "link", { case: lead.id, lead: true });

    const own = await journalOf(s.deps.db.kysely, merged.id);
    expect(own.map((e) => e.title)).toContain(`Linked to ${lead.reference} (lead)`);
    const other = await journalOf(s.deps.db.kysely, lead.id);
    const entry = other.find((e) => e.kind === "link");
    expect(entry).toMatchObject({
      title: `Linked from ${merged.reference} (this case is the lead)`,
      actorId: s.org.people.coordinator.id,
    });
    expect(verifyChain(lead.id, other)).toEqual({ ok: true, entries: other.length });
  });
});

describe("the other case's entry in the reader's language", () => {
  it.each([
    ["Linked from KLA-2026-000007", "da", "Knyttet hertil fra KLA-2026-000007"],
    [
      "Linked from KLA-2026-000007 (this case is the lead)",
      "nb",
      "Knyttet hit fra KLA-2026-000007 (denne saken besvarer begge)",
    ],
    ["Linked from a confidential case", "da", "Knyttet hertil fra en fortrolig sag"],
    [
      "Linked from a confidential case (this case is the lead)",
      "en",
      "Linked from a confidential case (this case answers both)",
    ],
  ] as const)("%s (%s)", (stored, lang, shown) => {
    expect(journalTitle(stored, translator(lang))).toBe(shown);
  });
});
