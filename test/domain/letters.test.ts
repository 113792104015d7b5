/**
 * Letter templates: the renderer refuses an unknown merge field by name; every default letter and
 * every shipped procedure's template uses only known fields in da, nb and en; dates are in words.
 */
import { describe, expect, it } from "vitest";
import { KlaraError } from "../../src/domain/errors.js";
import { dateInWords } from "../../src/domain/letters/compose-letter.js";
import { DEFAULT_LETTERS, LETTER_KEYS } from "../../src/domain/letters/default-letters.js";
import {
  renderTemplate,
  unknownMergeFields,
  validateTemplate,
} from "../../src/domain/letters/render-template.js";
import { SHIPPED_PROCEDURES } from "../../src/domain/procedures/index.js";

function refusal(run: () => unknown): KlaraError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KlaraError);
    return error as KlaraError;
  }
  throw new Error("expected a refusal");
}

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
});
