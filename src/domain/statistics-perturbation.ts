/**
 * The cell key method (as the Australian Bureau of Statistics' TableBuilder): analysts' counts get
 * a small deterministic noise that depends on WHICH cases are counted, so that differencing two
 * queries (a year minus its last eleven months) no longer tells a small count (decision 0026,
 * docs/statistics-privacy.md). Pure: the secret is read by the caller.
 */
import { createHmac } from "node:crypto";
import { SMALL_GROUP } from "./statistics-privacy.js";

/** Record keys and cell keys are in [0, KEY_RANGE). */
export const KEY_RANGE = 256;

/**
 * A case's record key: its id under a keyed hash with the installation's secret, so nobody without
 * the secret can tell which key a case has (and so which noise a set of cases gets).
 */
export function recordKeyOf(secret: string, caseId: string): number {
  return createHmac("sha256", secret).update(caseId).digest()[0] ?? 0;
}

/** A cell's key from the sum of its cases' record keys (sums may pass through negative deltas). */
export function cellKeyOf(keySum: number): number {
  return ((keySum % KEY_RANGE) + KEY_RANGE) % KEY_RANGE;
}

/**
 * The perturbation table: per count, how many of the KEY_RANGE cell keys give each noise. Every
 * row has mean 0 and never takes a count below 0; counts of 3 and more share the last row.
 */
const TABLE: Record<number, readonly (readonly [noise: number, keys: number])[]> = {
  1: [
    [-1, 64],
    [0, 136],
    [1, 48],
    [2, 8],
  ],
  2: [
    [-2, 16],
    [-1, 48],
    [0, 128],
    [1, 48],
    [2, 16],
  ],
  3: [
    [-2, 26],
    [-1, 51],
    [0, 102],
    [1, 51],
    [2, 26],
  ],
};

/** The noise for a count and a cell key: a fixed table, so the same cell always gets the same. */
export function noiseOf(count: number, cellKey: number): number {
  if (count <= 0) return 0;
  const row = TABLE[Math.min(count, 3)] ?? [];
  // scramble the key by the count so cells of different sizes with one key are not shifted alike
  let k = (cellKey * 167 + Math.min(count, 64) * 89) % KEY_RANGE;
  for (const [noise, keys] of row) {
    if (k < keys) return noise;
    k -= keys;
  }
  return 0;
}

/**
 * The count an analyst is shown: never negative, 0 stays 0, and a count of five or more is never
 * shown under five (a cell that is shown is not mistaken for a small one).
 */
export function perturbedCount(count: number, keySum: number): number {
  if (count <= 0) return count;
  const floor = count >= SMALL_GROUP ? SMALL_GROUP : 0;
  return Math.max(floor, count + noiseOf(count, cellKeyOf(keySum)));
}

/** The measures of statistics.ts this module changes (not imported: statistics.ts imports this). */
interface Compliance {
  met: number;
  metAfterDelayNotice: number;
  missed: number;
}
interface ExactMeasures {
  count: number;
  replyCompliance: Compliance;
  compliance: Record<string, Compliance>;
  replyOnTimeRate: number | null;
  medianDays: number | null;
  p90Days: number | null;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  firstContactMedianHours: number | null;
  informalRate: number | null;
  reassessmentOnTimeRate: number | null;
  appealsUpheldRate: number | null;
}

/** How compliance counters are named in tallies ("c:kind:met|after|missed"). */
const COUNTERS = { met: "met", metAfterDelayNotice: "after", missed: "missed" } as const;

/**
 * A cell's measures for an analyst: the count perturbed, and each compliance count by the key sum
 * of its own cases (`counterKeySum("c:reply:met")`); rates, medians and percentiles from the exact
 * cases, but only for a cell of at least five (a smaller one shows none of them).
 */
export function perturbedMeasures<M extends ExactMeasures>(
  m: M,
  keySum: number,
  counterKeySum: (counter: string) => number,
): M {
  const count = perturbedCount(m.count, keySum);
  const compliance: Record<string, Compliance> = {};
  for (const [kind, c] of Object.entries(m.compliance)) {
    const of = (how: keyof Compliance) => perturbedCount(c[how], counterKeySum(`c:${kind}:${COUNTERS[how]}`));
    compliance[kind] = {
      met: of("met"),
      metAfterDelayNotice: of("metAfterDelayNotice"),
      missed: of("missed"),
    };
  }
  const replyCompliance = compliance.reply ?? m.replyCompliance;
  if (m.count >= SMALL_GROUP) return { ...m, count, compliance, replyCompliance };
  return {
    ...m,
    count,
    compliance,
    replyCompliance,
    replyOnTimeRate: null,
    medianDays: null,
    p90Days: null,
    medianWorkingDays: null,
    p90WorkingDays: null,
    firstContactMedianHours: null,
    informalRate: null,
    reassessmentOnTimeRate: null,
    appealsUpheldRate: null,
  };
}
