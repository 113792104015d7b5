import { describe, expect, it } from "vitest";
import { translator } from "../../src/web/i18n/messages.js";
import { journalTitle } from "../../src/web/journal-text.js";

describe("journal titles in the reader's language", () => {
  const da = translator("da");
  const nb = translator("nb");
  it.each([
    ["Status: received → acknowledged", "Status: Modtaget → Kvitteret"],
    ["Deadline set: reply 2026-04-01", "Frist sat: Svar på klagen 2026-04-01"],
    [
      "Deadline missed: acknowledge (due 2026-03-05)",
      "Frist overskredet: Kvittering for modtagelse (2026-03-05)",
    ],
    ["Complaint received (phone)", "Klage modtaget (Telefon)"],
    ["Reply sent: partly_upheld (resolved informally)", "Svar sendt: Delvis medhold (resolved informally)"],
    ["Draft approved: leader with decision authority", "Udkast godkendt: leader with decision authority"],
    ["Linked to KLA-2026-000001", "Linked to KLA-2026-000001"],
    ["Status: received → something_new", "Status: Modtaget → something_new"],
  ])("%s → %s", (stored, shown) => {
    expect(journalTitle(stored, da)).toBe(shown);
  });

  it("uses the reader's language", () => {
    expect(journalTitle("Handlers assigned", nb)).toBe("Saksbehandlere fordelt");
    expect(journalTitle("Handlers assigned", translator("en"))).toBe("Handlers assigned");
  });
});
