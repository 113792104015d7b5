/**
 * Analysts' counts go through the cell key method (decision 0026): each is its exact count with a
 * noise of −2..+2 fixed by which cases it holds (and the installation's random secret), never
 * negative, 0 stays 0, never under five when the exact count is not.
 */
import { expect } from "vitest";

export function expectPerturbed(shown: number | undefined, exact: number): void {
  expect(shown).toBeTypeOf("number");
  const n = shown ?? Number.NaN;
  if (exact === 0) expect(n).toBe(0);
  expect(Math.abs(n - exact)).toBeLessThanOrEqual(2);
  expect(n).toBeGreaterThanOrEqual(exact >= 5 ? 5 : 0);
}
