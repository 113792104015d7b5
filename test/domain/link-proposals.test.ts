import { describe, expect, it } from "vitest";
import { type LinkCandidate, proposeLinks, textSimilarity } from "../../src/domain/link-proposals.js";

const c = (id: string, over: Partial<LinkCandidate> = {}): LinkCandidate => ({
  id,
  reference: `KLA-${id}`,
  subject: "Lukning af fritidsklubben",
  description: "Klubben lukker uden varsel, og børnene har intet sted at være om eftermiddagen.",
  unitId: "u1",
  complainantEmail: null,
  complainantPhone: null,
  ...over,
});

describe("cases about the same matter", () => {
  it("measures how alike two texts are by their longer words", () => {
    expect(textSimilarity("Lukning af klubben", "lukning AF KLUBBEN!")).toBe(1);
    expect(textSimilarity("Lukning af klubben", "Ny legeplads")).toBe(0);
    // "af" is too short to count; two shared of four different words
    expect(textSimilarity("klubben lukker", "klubben lukker legeplads skolen")).toBe(0.5);
    expect(textSimilarity("", "klubben")).toBe(0);
  });

  it("proposes the same complainant by e-mail or phone, whatever the unit and text", () => {
    const target = c("t", { complainantEmail: "Anna@Example.dk", complainantPhone: "+45 31 32 33 34" });
    const byEmail = c("a", {
      unitId: "u2",
      subject: "Noget andet",
      description: "Helt andet.",
      complainantEmail: "anna@example.dk",
    });
    const byPhone = c("b", {
      unitId: "u2",
      subject: "Noget andet",
      description: "Helt andet.",
      complainantPhone: "31323334",
    });
    const stranger = c("s", {
      unitId: "u2",
      subject: "Noget andet",
      description: "Helt andet.",
      complainantEmail: "bo@example.dk",
    });
    const proposals = proposeLinks(target, [byEmail, byPhone, stranger]);
    expect(proposals.map((p) => [p.id, p.reasons])).toEqual([
      ["a", ["same_complainant"]],
      ["b", ["same_complainant"]],
    ]);
  });

  it("proposes a similar text only within the same unit, most alike first, and never the case itself", () => {
    const target = c("t");
    const twin = c("twin");
    const near = c("near", { description: "Klubben lukker uden varsel." });
    const elsewhere = c("elsewhere", { unitId: "u2" });
    const unrelated = c("unrelated", { subject: "Skolebussen", description: "Bussen kom ikke i dag." });
    const proposals = proposeLinks(target, [near, elsewhere, unrelated, twin, target]);
    expect(proposals.map((p) => p.id)).toEqual(["twin", "near"]);
    expect(proposals[0]?.reasons).toEqual(["similar_text"]);
    expect(proposals[0]?.similarity).toBe(1);
  });

  it("keeps to the most likely few", () => {
    const target = c("t");
    const many = Array.from({ length: 9 }, (_, i) => c(`c${i}`));
    expect(proposeLinks(target, many, 3)).toHaveLength(3);
  });
});
