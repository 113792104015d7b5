/**
 * The rollup rows of many cases at once (decision 0024): a rebuild, or a fold (the facts the rollups
 * hold for a case taken away, its new ones added). `rollupContribution` is the rule for one case;
 * this is the same sum made fast enough for ten million cases, where it makes over a billion
 * additions. Pure.
 */
import type { StatsFacts, Tally } from "./statistics-facts.js";
import {
  ALL_PROCEDURES,
  DAY_TABLE,
  DAY_TABLES,
  ROLLED_DIMENSIONS,
  ROLLUP_TABLES,
  type RollupKey,
  rolledTally,
  rolledValue,
  tablePrefixOf,
} from "./statistics-rollup.js";

/** A rollup row as `RollupBuilder.takeEncoded` gives it: the tally as stored JSON, and its "n". */
export interface EncodedRollupRow {
  key: RollupKey;
  n: number;
  tally: string;
}

/** An entry of a tally part, with its key as JSON and, if it has one, the key of its record keys' sum. */
interface PartEntry {
  quoted: string;
  n: number;
  keyedQuoted: string | null;
}

/**
 * A row: per tally part, how many cases brought it and the sum of their record keys (only the first
 * part, the rest, has entries with one), as triples in one array of numbers — most rows hold a few
 * parts, found by a short scan; a row with many gets an index of where each part is.
 */
interface RowCounts {
  triples: number[];
  at: Map<number, number> | null;
}
const INDEXED = 48;

// the values' numbers below 2^15 each: a row's key in its table, v1·2^15 + v2, is a small integer
const VALUES = 32_768;
const PREFIXES = 8;

/**
 * Each row counts, per part of a tally, how many cases brought it; the tallies are summed once, at
 * the end. A tally is cut in parts that few cases share but that take few values each — its days,
 * its working days, its first-contact hours, and the rest (compliance, resolution, appeals) — so
 * a row sums a few hundred distinct parts however many cases it has, where whole tallies are
 * nearly all different. Rows are found by numbers: a period's tables in an array, a row in its
 * table by its values' numbers.
 */
export class RollupBuilder {
  private readonly partIds = new Map<string, number>();
  private readonly parts: PartEntry[][] = [];
  private readonly values = ROLLED_DIMENSIONS.map(() => new Map<string, number>());
  private readonly valueOf: string[][] = ROLLED_DIMENSIONS.map(() => []);
  private readonly prefixes: string[] = [];
  private readonly periods = new Map<
    string,
    { procedureId: string; period: string; tables: (Map<number, RowCounts> | undefined)[] }
  >();
  private readonly tables = [
    ...ROLLUP_TABLES.map((dims) => ({ dims, daily: false, all: false })),
    ...ROLLUP_TABLES.map((dims) => ({ dims, daily: false, all: true })),
    ...DAY_TABLES.map((dims) => ({ dims, daily: true, all: false })),
  ].map((t) => ({
    ...t,
    d1: t.dims[0] ? ROLLED_DIMENSIONS.indexOf(t.dims[0]) : -1,
    d2: t.dims[1] ? ROLLED_DIMENSIONS.indexOf(t.dims[1]) : -1,
    name: t.dims.join(","),
  }));

  /** `sign` -1 takes the case's contribution away */
  add(f: StatsFacts, sign: 1 | -1 = 1): void {
    const parts = this.partsOf(rolledTally(f));
    const recordKey = sign * (f.recordKey ?? 0);
    const prefix = this.prefixOf(tablePrefixOf(f));
    const codes = ROLLED_DIMENSIONS.map((d, i) => this.code(i, rolledValue(f, d)));
    const month = f.receivedDate.slice(0, 7);
    const monthly = this.tablesOf(f.procedureId, month);
    const daily = this.tablesOf(f.procedureId, f.receivedDate);
    for (let i = 0; i < this.tables.length; i++) {
      const table = this.tables[i] as (typeof this.tables)[number];
      // the rows of all procedures together are summed from the procedures' rows in `takeEncoded`
      if (table.all) continue;
      const tables = table.daily ? daily : monthly;
      const slot = i * PREFIXES + prefix;
      let rows = tables[slot];
      if (!rows) {
        rows = new Map();
        tables[slot] = rows;
      }
      const id =
        (table.d1 < 0 ? 0 : (codes[table.d1] as number) + 1) * VALUES +
        (table.d2 < 0 ? 0 : (codes[table.d2] as number) + 1);
      let row = rows.get(id);
      if (!row) {
        row = { triples: [], at: null };
        rows.set(id, row);
      }
      for (let p = 0; p < parts.length; p++) count(row, parts[p] as number, sign, p === 0 ? recordKey : 0);
    }
  }

  /** The rows so far whose summed tally is not empty; the builder starts empty again. */
  take(): { key: RollupKey; tally: Tally }[] {
    return this.takeEncoded().map(({ key, tally }) => ({ key, tally: JSON.parse(tally) as Tally }));
  }

  /** `take` with each tally as the JSON the rollup stores, and its count of cases. */
  takeEncoded(): EncodedRollupRow[] {
    this.sumAllProcedures();
    const out: EncodedRollupRow[] = [];
    const sum = new Map<string, number>();
    for (const { procedureId, period, tables } of this.periods.values()) {
      for (const [slot, rows] of tables.entries()) {
        if (!rows) continue;
        const table = this.tables[Math.floor(slot / PREFIXES)] as (typeof this.tables)[number];
        const dims = (table.daily ? DAY_TABLE : "") + (this.prefixes[slot % PREFIXES] ?? "") + table.name;
        for (const [id, row] of rows) {
          sum.clear();
          const triples = row.triples;
          for (let i = 0; i < triples.length; i += 3) {
            const part = triples[i] as number;
            const times = triples[i + 1] as number;
            const keys = triples[i + 2] as number;
            if (times === 0 && keys === 0) continue;
            for (const e of this.parts[part] ?? []) {
              sum.set(e.quoted, (sum.get(e.quoted) ?? 0) + times * e.n);
              if (keys && e.keyedQuoted) sum.set(e.keyedQuoted, (sum.get(e.keyedQuoted) ?? 0) + keys * e.n);
            }
          }
          let json = "";
          for (const [quoted, v] of sum) if (v !== 0) json += `${json ? "," : "{"}${quoted}${v}`;
          // a case taken away and added back to the same row changes nothing
          if (!json) continue;
          const v1 = Math.floor(id / VALUES);
          const v2 = id % VALUES;
          out.push({
            key: {
              procedureId,
              month: period,
              dims,
              v1: v1 ? (this.valueOf[table.d1]?.[v1 - 1] as string) : "",
              v2: v2 ? (this.valueOf[table.d2]?.[v2 - 1] as string) : "",
            },
            n: sum.get('"n":') ?? 0,
            tally: `${json}}`,
          });
        }
      }
    }
    this.periods.clear();
    return out;
  }

  /**
   * The monthly rows of all procedures together (`*`): each procedure's monthly rows added into
   * them, row by row — once per row, where counting them per case was a third of `add`'s work.
   */
  private sumAllProcedures(): void {
    const offset = ROLLUP_TABLES.length * PREFIXES;
    for (const p of [...this.periods.values()]) {
      if (p.procedureId === ALL_PROCEDURES || p.period.length !== 7) continue;
      const all = this.tablesOf(ALL_PROCEDURES, p.period);
      for (let slot = 0; slot < offset; slot++) {
        const rows = p.tables[slot];
        if (!rows) continue;
        let into = all[slot + offset];
        if (!into) {
          into = new Map();
          all[slot + offset] = into;
        }
        for (const [id, row] of rows) {
          let sum = into.get(id);
          if (!sum) {
            sum = { triples: [], at: null };
            into.set(id, sum);
          }
          const t = row.triples;
          for (let i = 0; i < t.length; i += 3)
            count(sum, t[i] as number, t[i + 1] as number, t[i + 2] as number);
        }
      }
    }
  }

  /**
   * A tally's parts, as numbers: the rest first (with "n" and every entry that has a record keys'
   * sum: "n", "c:…", "p:…"), then its days ("d:"), working days ("w:") and hours ("h:"), if any.
   */
  private partsOf(rolled: Tally): number[] {
    let rest = "";
    const histograms: string[] = [];
    for (const key in rolled) {
      const first = key.charCodeAt(0);
      // "k…": record keys' sums, made at the end from each part's cases
      if (first === 107) continue;
      if ((first === 100 || first === 119 || first === 104) && key.charCodeAt(1) === 58) {
        histograms.push(`${key}\u0000${rolled[key]}`);
      } else rest += `${key}\u0000${rolled[key]}\u0000`;
    }
    const ids = [this.partId(rest, rolled, false)];
    for (const h of histograms) ids.push(this.partId(h, rolled, true));
    return ids;
  }

  private partId(signature: string, rolled: Tally, histogram: boolean): number {
    let id = this.partIds.get(signature);
    if (id !== undefined) return id;
    const entries: PartEntry[] = [];
    const entry = (key: string) => {
      const keyed =
        key === "n" ? "k" : key.startsWith("c:") ? `k:${key}` : key.startsWith("p:") ? `k${key}` : null;
      entries.push({
        quoted: `${JSON.stringify(key)}:`,
        n: rolled[key] ?? 0,
        keyedQuoted: keyed ? `${JSON.stringify(keyed)}:` : null,
      });
    };
    if (histogram) entry(signature.slice(0, signature.indexOf("\u0000")));
    else {
      const fields = signature.split("\u0000");
      for (let i = 0; i + 1 < fields.length; i += 2) entry(fields[i] as string);
    }
    id = this.parts.push(entries) - 1;
    this.partIds.set(signature, id);
    return id;
  }

  private code(dimension: number, value: string): number {
    const values = this.values[dimension] as Map<string, number>;
    let c = values.get(value);
    if (c === undefined) {
      const list = this.valueOf[dimension] as string[];
      if (list.length >= VALUES - 1)
        throw new Error(`a rollup builder holds at most ${VALUES - 1} values of a dimension`);
      c = list.push(value) - 1;
      values.set(value, c);
    }
    return c;
  }

  private prefixOf(prefix: string): number {
    const i = this.prefixes.indexOf(prefix);
    return i >= 0 ? i : this.prefixes.push(prefix) - 1;
  }

  private tablesOf(procedureId: string, period: string) {
    const id = `${procedureId}\u0000${period}`;
    let p = this.periods.get(id);
    if (!p) {
      p = { procedureId, period, tables: [] };
      this.periods.set(id, p);
    }
    return p.tables;
  }
}

/** Adds a part's cases and record keys to a row. */
function count(row: RowCounts, part: number, cases: number, keys: number): void {
  const triples = row.triples;
  let i = -1;
  if (row.at) i = row.at.get(part) ?? -1;
  else {
    for (let j = 0; j < triples.length; j += 3) {
      if (triples[j] === part) {
        i = j;
        break;
      }
    }
  }
  if (i < 0) {
    triples.push(part, cases, keys);
    if (row.at) row.at.set(part, triples.length - 3);
    else if (triples.length >= INDEXED * 3) {
      row.at = new Map();
      for (let j = 0; j < triples.length; j += 3) row.at.set(triples[j] as number, j);
    }
    return;
  }
  triples[i + 1] = (triples[i + 1] as number) + cases;
  triples[i + 2] = (triples[i + 2] as number) + keys;
}
