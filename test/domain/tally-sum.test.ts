/**
 * TallySum (domain/tally-sum.ts): stored tallies summed straight from their JSON equal the sum of
 * the parsed objects, in every form the databases write them; anything else is parsed as JSON.
 */
import { describe, expect, it } from "vitest";
import { addTally, type Tally } from "../../src/domain/statistics-facts.js";
import { TallySum } from "../../src/domain/tally-sum.js";

const sumOf = (parts: (Tally | string)[]) => {
  const sum = new TallySum();
  for (const p of parts) typeof p === "string" ? sum.addEncoded(p) : sum.add(p);
  return sum.take();
};

describe("TallySum", () => {
  it("sums the rebuild's JSON, PostgreSQL's spaced JSON and objects key by key, without zero entries", () => {
    const a: Tally = { n: 3, "d:8": 2, "c:reply:met": 3, "k:c:reply:met": 123456789 };
    const b: Tally = { n: -1, "d:8": -2, "w:6": 1.5 };
    const spaced = '{ "n" : 4, "w:6" : -1.5, "c:reply:met" : 1 }';
    const expected = addTally(addTally(a, b), JSON.parse(spaced) as Tally);
    delete expected["d:8"];
    delete expected["w:6"];
    expect(sumOf([JSON.stringify(a), b, spaced])).toEqual(expected);
    expect(sumOf([JSON.stringify(a), b, spaced])).toEqual({
      n: 6,
      "c:reply:met": 4,
      "k:c:reply:met": 123456789,
    });
    expect(sumOf(["{}", " { } "])).toEqual({});
  });

  it("parses as JSON what is not a flat object of plain keys and numbers, and adds it whole", () => {
    // an escaped key, and numbers in exponent form
    expect(sumOf(['{"a\\"b":1,"n":1}', '{"n":1e3}'])).toEqual({ 'a"b': 1, n: 1001 });
    // a value that is not a number: JSON.parse decides, nothing of the row is added before it
    const sum = new TallySum();
    sum.add({ n: 1 });
    expect(() => sum.addEncoded('{"n":1,"x":}')).toThrow(SyntaxError);
    expect(sum.take()).toEqual({ n: 1 });
  });
});
