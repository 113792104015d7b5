/**
 * The small-cell rule for analysts (docs/statistics-privacy.md): primary suppression of every cell
 * under five cases, then complementary suppression so that no suppressed cell can be recovered by
 * subtracting the shown cells from a total (the table's, a row's or a column's).
 */
/** Fewer cases than this in a group could identify a person (SPEC §8). */
export const SMALL_GROUP = 5;

export interface Cell {
  /** the cell's id (its key values joined) */
  id: string;
  values: readonly string[];
  count: number;
  /** shown even when small: a calendar-year count that points to no person */
  exempt: boolean;
}

/**
 * The ids of the cells to merge into "other". `initially` are cells already suppressed (e.g. in
 * the baseline period); `forcedOther` counts cases that are in "other" whatever happens (personnel
 * cases the viewer may not see), which hide a suppressed cell as well as another cell does.
 */
export function suppressedCells(
  cells: readonly Cell[],
  dimensions: number,
  initially: ReadonlySet<string> = new Set(),
  forcedOther = 0,
  /** false for a readable yearly count: "other" holding only unseen cases names no type or person */
  coverForcedOther = true,
): Set<string> {
  const hidden = new Set(initially);
  for (const c of cells) if (c.count > 0 && c.count < SMALL_GROUP && !c.exempt) hidden.add(c.id);

  // The lines whose total can be learnt: the whole table, and for two dimensions each row and
  // column (from the one-dimensional query of the other dimension).
  const lines: Cell[][] = [[...cells]];
  if (dimensions > 1) {
    for (let d = 0; d < dimensions; d++) {
      const byValue = new Map<string, Cell[]>();
      for (const c of cells) byValue.set(c.values[d] ?? "", [...(byValue.get(c.values[d] ?? "") ?? []), c]);
      lines.push(...byValue.values());
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [i, line] of lines.entries()) {
      const inLine = line.filter((c) => hidden.has(c.id) && c.count > 0);
      const extra = i === 0 && forcedOther > 0 ? 1 : 0;
      const sum = inLine.reduce((s, c) => s + c.count, 0) + (i === 0 ? forcedOther : 0);
      if (inLine.length + (coverForcedOther ? extra : 0) === 0) continue;
      // one hidden cell alone in its line, or hidden cells adding up to a small number, can be recovered
      if (inLine.length + extra >= 2 && sum >= SMALL_GROUP) continue;
      const next = line
        .filter((c) => !hidden.has(c.id) && c.count > 0)
        .sort((a, b) => a.count - b.count || a.id.localeCompare(b.id))[0];
      if (next) {
        hidden.add(next.id);
        changed = true;
      }
    }
  }
  return hidden;
}

/** Dimensions whose calendar-year counts describe complaints, not people. */
const READABLE_DIMENSIONS = new Set(["type", "procedure", "outcome"]);

/**
 * Whether small cells of a query may be shown (seed 003 publishes its yearly count by type): one
 * descriptive dimension over exactly a calendar year or a citizens' advisor year (1 April – 31 March).
 */
export function yearlyCountReadable(by: readonly string[], period: { from: string; to: string }): boolean {
  if (by.length !== 1 || !READABLE_DIMENSIONS.has(by[0] ?? "")) return false;
  const [fy, fmd] = [Number(period.from.slice(0, 4)), period.from.slice(5)];
  const [ty, tmd] = [Number(period.to.slice(0, 4)), period.to.slice(5)];
  const calendar = fmd === "01-01" && tmd === "12-31" && ty === fy;
  const advisor = fmd === "04-01" && tmd === "03-31" && ty === fy + 1;
  return calendar || advisor;
}
