/**
 * Letter templates: the renderer refuses an unknown merge field by name; every default letter and
 * every shipped procedure's template uses only known fields in da, nb and en; dates are in words.
 */
import { describe, expect, it } from "vitest";
import type { ComplaintCase } from "../../src/domain/case.js";
import { composeLetter, dateInWords } from "../../src/domain/letters/compose-letter.js";
import { DEFAULT_LETTERS, LETTER_KEYS } from "../../src/domain/letters/default-letters.js";
import {
  renderTemplate,
  unknownMergeFields,
  validateTemplate,
} from "../../src/domain/letters/render-template.js";
import { SHIPPED_PROCEDURES, shippedProcedure } from "../../src/domain/procedures/index.js";
import { refusal, register } from "../support/lifecycle-kit.js";

describe("letter templates", () => {
  it("refuses a template with an unknown merge field, naming the field", () => {
    const error = refusal(() =>
      validateTemplate("Kære {{recipientName}}, sag {{sagsnummer}}.", "templates.reply.da"),
    );
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("{{sagsnummer}}");
    expect(error.details.fieldErrors).toEqual([
      { path: "templates.reply.da", message: "Unknown merge field {{sagsnummer}}." },
    ]);
    expect(refusal(() => renderTemplate("{{ nope }}", {})).message).toContain("{{nope}}");
    expect(unknownMergeFields("{{reference}} {{x}} {{x}} {{ y }}")).toEqual(["x", "y"]);
  });

  it("fills known fields and leaves none behind", () => {
    expect(
      renderTemplate("Sag {{ reference }} til {{recipientName}}.{{measures}}", {
        reference: "KLA-1",
        recipientName: "Mette",
      }),
    ).toBe("Sag KLA-1 til Mette.");
  });

  it("every default letter and every shipped template uses only known merge fields, in da, nb and en", () => {
    for (const key of LETTER_KEYS) {
      for (const lang of ["da", "nb", "en"] as const) {
        expect(unknownMergeFields(DEFAULT_LETTERS[key].subject[lang]), `${key}.subject.${lang}`).toEqual([]);
        expect(unknownMergeFields(DEFAULT_LETTERS[key].body[lang]), `${key}.${lang}`).toEqual([]);
        expect(DEFAULT_LETTERS[key].body[lang].length, `${key}.${lang}`).toBeGreaterThan(20);
      }
    }
    for (const p of SHIPPED_PROCEDURES) {
      for (const [key, texts] of Object.entries(p.templates ?? {})) {
        for (const [lang, text] of Object.entries(texts)) {
          expect(unknownMergeFields(text as string), `${p.id}.${key}.${lang}`).toEqual([]);
        }
      }
    }
  });

  it("writes dates in words in each language", () => {
    expect(dateInWords("2026-03-02", "da", "Europe/Copenhagen")).toBe("2. marts 2026");
    expect(dateInWords("2026-03-02", "nb", "Europe/Oslo")).toBe("2. mars 2026");
    expect(dateInWords("2026-03-02", "en", "Europe/Copenhagen")).toBe("2 March 2026");
    // an instant late in the evening UTC is the next day in Copenhagen
    expect(dateInWords("2026-03-02T23:30:00.000Z", "da", "Europe/Copenhagen")).toBe("3. marts 2026");
  });

  describe("the reply's guidance on complaining further", () => {
    function decisionCase(
      procedureId: string,
      outcome: ComplaintCase["outcome"],
      type: ComplaintCase["type"],
    ) {
      const procedure = shippedProcedure(procedureId);
      const c = register(procedureId, {
        type,
        unitId: null,
        subject: "Afslag på ydelse",
        description: "Jeg er uenig i afgørelsen.",
        complainant: {
          anonymous: false,
          name: "Ole Olsen",
          email: "ole@example.dk",
          phone: null,
          address: null,
          nationalId: null,
        },
        decision:
          type === "decision"
            ? { date: "2026-02-20", reference: "A-1", area: "ydelse", fastTrack: false }
            : null,
      });
      c.outcome = outcome;
      const letter = composeLetter(
        c,
        {
          template: "reply",
          to: "complainant",
          fields: { body: "Vi fastholder afgørelsen.", outcome: outcome ?? "" },
        },
        {
          organisation: { name: "Test Kommune", locale: "da", timeZone: "Europe/Copenhagen", country: "DK" },
          procedure,
        },
      );
      return letter.body;
    }

    it("a Danish delay notice gives the reason and the expected date in words (dk-employment's own text)", () => {
      const procedure = shippedProcedure("dk-employment");
      const c = register("dk-employment", {
        id: "case-2",
        reference: "KLA-2026-000002",
        unitId: null,
        subject: "Ventetid",
        description: "Jeg har ventet længe.",
        complainant: {
          anonymous: false,
          name: "Ole Olsen",
          email: null,
          phone: null,
          address: "Vejen 1, 8000 Aarhus C",
          nationalId: null,
        },
      });
      const letter = composeLetter(
        c,
        {
          template: "delay_notice",
          to: "complainant",
          fields: { reason: "vi mangler oplysninger fra jobcentret", newDueDate: "2026-04-15" },
        },
        {
          organisation: { name: "Test Kommune", locale: "da", timeZone: "Europe/Copenhagen", country: "DK" },
          procedure,
        },
      );
      expect(letter.body).toContain(
        "Vi kan ikke nå at behandle din klage (sag KLA-2026-000002) inden for fristen, fordi vi mangler oplysninger fra jobcentret. Vi forventer at være færdige senest 15. april 2026.",
      );
      // only a postal address: the letter is for print, addressed there
      expect(letter).toMatchObject({ channel: "print", recipientAddress: "Vejen 1, 8000 Aarhus C" });
    });

    it("names the appeal body, how and the time limit for a decision not fully upheld", () => {
      const body = decisionCase("dk-employment", "not_upheld", "decision");
      expect(body).toContain("Klagevejledning: Du kan klage over afgørelsen til Ankestyrelsen.");
      expect(body).toContain("Send klagen til os inden 4 uger");
      expect(decisionCase("dk-employment", "partly_upheld", "decision")).toContain("Ankestyrelsen");
    });

    it("gives none for a decision fully upheld, and names the Ombudsman for other Danish complaints", () => {
      expect(decisionCase("dk-employment", "upheld", "decision")).not.toMatch(/Klagevejledning|Ombudsmand/);
      const conduct = decisionCase("dk-school", "not_upheld", "process");
      expect(conduct).not.toContain("Klagevejledning");
      expect(conduct).toContain("Folketingets Ombudsmand");
    });
  });
});
