import type { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalOf } from "../../src/db/case.repository.js";
import type { JournalEntry } from "../../src/domain/journal.js";
import { eventTitle } from "../../src/domain/journal-events.js";
import { deadlineExplanation } from "../../src/web/deadline-text.js";
import { translator } from "../../src/web/i18n/messages.js";
import { eventOfTitle, journalBody, journalTitle } from "../../src/web/journal-text.js";
import { demoCopy } from "../support/demo-template.js";
import type { TestDatabase } from "../support/test-db.js";

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
    let entries: JournalEntry[];
    beforeAll(async () => {
      // the demo as `klara demo` loads it on that Monday (a copy of the run's demo)
      ({ t } = await demoCopy("sqlite", "2026-03-02T09:00:00Z"));
      titles = await t.db.kysely.selectFrom("journal_entries").select(["title", "kind"]).distinct().execute();
      const ids = await t.db.kysely.selectFrom("cases").select("id").execute();
      entries = (await Promise.all(ids.map((c) => journalOf(t.db.kysely, c.id)))).flat();
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

    it("keeps the event of every title the engine writes, and says it the same as the title (decision 0019)", () => {
      const engine = entries.filter((e) => eventOfTitle(e.title) !== null);
      expect(engine.length).toBeGreaterThan(500);
      // the domain sets the event wherever it writes a title; the application's own lines may not
      const withEvent = engine.filter((e) => e.event !== null);
      expect(withEvent.length / engine.length).toBeGreaterThan(0.95);
      expect(withEvent.filter((e) => eventTitle(e.event!) !== e.title)).toEqual([]);
      const codes = new Set(withEvent.map((e) => e.event!.code));
      expect(codes.size).toBeGreaterThan(25);
      for (const tr of [da, nb, translator("en")]) {
        const differing = withEvent.filter(
          (e) => journalTitle(e.title, tr, {}, e.event) !== journalTitle(e.title, tr),
        );
        expect(differing.map((e) => e.title)).toEqual([]);
      }
      // a deadline's journal line holds how its date was computed, and says it so
      const set = withEvent.filter((e) => e.event!.code === "deadline_set");
      expect(set.length).toBeGreaterThan(50);
      const shortDay = (d: Temporal.PlainDate, y: boolean) => (y ? d.toString() : d.toString().slice(5));
      for (const e of set) {
        expect(journalBody(e, da, shortDay)).toBe(deadlineExplanation(e.body, da, shortDay));
        expect(journalBody(e, da, shortDay)).not.toBe(e.body);
      }
      // so do a met deadline's and a missed one's lines (the demo misses none: test/web/journal-text-reckoning.test.ts)
      const settled = withEvent.filter((e) => ["deadline_met", "deadline_missed"].includes(e.event!.code));
      expect(settled.filter((e) => e.event!.code === "deadline_met").length).toBeGreaterThan(20);
      expect(settled.filter((e) => /Due |met |Recorded as/.test(journalBody(e, da, shortDay)))).toEqual([]);
    });
  });
});
