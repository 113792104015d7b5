import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/load-demo.js";
import { FixedClock } from "../../src/domain/clock.js";
import { translator } from "../../src/web/i18n/messages.js";
import { journalTitle } from "../../src/web/journal-text.js";
import { openTestDb, type TestDatabase } from "../support/test-db.js";

describe("journal titles in the reader's language", () => {
  const da = translator("da");
  const nb = translator("nb");
  it.each([
    ["Status: received → acknowledged", "Status: Modtaget → Kvitteret"],
    ["Deadline set: reply 2026-04-01", "Frist sat: Svar på klagen 2026-04-01"],
    ["Deadline set: reply 2026-04-01 → 2026-04-08", "Frist sat: Svar på klagen 2026-04-01 → 2026-04-08"],
    [
      "Deadline missed: acknowledge (due 2026-03-05)",
      "Frist overskredet: Kvittering for modtagelse (2026-03-05)",
    ],
    ["Complaint received (phone)", "Klage modtaget (Telefon)"],
    ["Reply sent: partly_upheld (resolved informally)", "Svar sendt: Delvis medhold (løst uformelt)"],
    ["Draft approved: leader with decision authority", "Udkast godkendt: leader with decision authority"],
    ["Linked to KLA-2026-000001", "Knyttet til KLA-2026-000001"],
    ["Linked to KLA-2026-000001 (lead)", "Knyttet til KLA-2026-000001 (besvares samlet)"],
    ["Reassessment: upheld", "Genvurdering: Afgørelsen fastholdes"],
    ["Appeals board: remitted (2026-05-01)", "Klageinstansen: Hjemvist (2026-05-01)"],
    ["Letter queued: delay_notice", "Brev lagt i kø: underretning om forsinkelse"],
    ["Complaint withdrawn", "Klagen er trukket tilbage"],
    // unknown words and a staff member's own note title are shown as stored
    ["Status: received → something_new", "Status: Modtaget → something_new"],
    ["Venter på PPR", "Venter på PPR"],
  ])("%s → %s", (stored, shown) => {
    expect(journalTitle(stored, da)).toBe(shown);
  });

  it("uses the reader's language, the task's name and the organisation's time", () => {
    expect(
      journalTitle("Deadline set: reply 2026-04-01 → 2026-04-08", da, { day: (d) => `[${d.slice(5)}]` }),
    ).toBe("Frist sat: Svar på klagen [04-01] → [04-08]");
    expect(journalTitle("Handlers assigned", nb)).toBe("Saksbehandlere fordelt");
    expect(journalTitle("Handlers assigned", translator("en"))).toBe("Handlers assigned");
    expect(journalTitle("Task done: a_contact", da, { task: (k) => `<${k}>` })).toBe(
      "Opgave udført: <a_contact>",
    );
    expect(
      journalTitle("Contact by phone at 2026-03-02T09:00:00Z", da, { moment: (i) => `[${i.slice(0, 10)}]` }),
    ).toBe("Kontakt via Telefon, [2026-03-02]");
  });

  describe("every title the engine writes in the demo", () => {
    let t: TestDatabase;
    let titles: { title: string; kind: string }[];
    beforeAll(async () => {
      t = await openTestDb("sqlite");
      const deps = createDeps(t.db, FixedClock.at("2026-03-02T09:00:00Z"));
      await loadDemo(deps);
      titles = await t.db.kysely.selectFrom("journal_entries").select(["title", "kind"]).distinct().execute();
    }, 60_000);
    afterAll(async () => t?.cleanup());

    it("is shown in Danish and Norwegian, but for notes people wrote themselves", () => {
      // add-note keeps the staff member's own words; the demo writes this one
      const ownWords = new Set(["Venter på PPR"]);
      const untranslated = titles
        .filter((e) => !ownWords.has(e.title))
        .filter((e) => journalTitle(e.title, da) === e.title || journalTitle(e.title, nb) === e.title)
        // "Status: x → y" reads the same in Danish; its states must still be translated
        .filter((e) => !/^Status: /.test(e.title) || /[a-z]_[a-z]|→ [a-z]/.test(journalTitle(e.title, da)));
      expect(titles.length).toBeGreaterThan(20);
      expect(untranslated).toEqual([]);
    });
  });
});
