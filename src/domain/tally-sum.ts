/**
 * Tallies summed key by key, from their stored JSON or as objects. A figure sums a rollup row per
 * month and value — at 10M cases root cause × type reads 2,300 rows of ~100 keys — and reading
 * the stored JSON straight into the sums, without an object per row, halves that work (decision
 * 0024). A stored tally is a flat object of numbers: written by the rebuild, or by the databases'
 * JSON functions when a fold adds to it (PostgreSQL's with spaces around its separators).
 */
import type { Tally } from "./statistics-facts.js";

export class TallySum {
  private readonly sums = new Map<string, number>();
  // one row's keys and values, parsed whole before any is added
  private readonly keys: string[] = [];
  private readonly values: number[] = [];

  add(tally: Tally): void {
    for (const key in tally) this.sums.set(key, (this.sums.get(key) ?? 0) + (tally[key] ?? 0));
  }

  /** A stored tally's JSON; anything but a flat object of plain keys and numbers is parsed as JSON. */
  addEncoded(json: string): void {
    if (!this.scan(json)) {
      this.add(JSON.parse(json) as Tally);
      return;
    }
    const { keys, values, sums } = this;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      sums.set(key, (sums.get(key) ?? 0) + (values[i] as number));
    }
  }

  /** The sums without zero entries (a case taken away leaves none). */
  take(): Tally {
    const out: Tally = {};
    for (const [key, n] of this.sums) if (n !== 0) out[key] = n;
    return out;
  }

  /** Reads `{"key":number,…}` into keys and values; false when it is not of that plain form. */
  private scan(json: string): boolean {
    const { keys, values } = this;
    keys.length = 0;
    values.length = 0;
    if (json.includes("\\")) return false;
    let i = json.indexOf("{");
    if (i < 0) return false;
    for (;;) {
      const open = json.indexOf('"', i + 1);
      if (open < 0) return json.indexOf("}", i) >= 0;
      const close = json.indexOf('"', open + 1);
      const colon = json.indexOf(":", close + 1);
      if (close < 0 || colon < 0) return false;
      let end = json.indexOf(",", colon + 1);
      if (end < 0) end = json.indexOf("}", colon + 1);
      if (end < 0) return false;
      const text = json.slice(colon + 1, end);
      const value = Number(text);
      // Number("") and Number(" ") are 0, not a number read
      if (!Number.isFinite(value) || text.trim() === "") return false;
      keys.push(json.slice(open + 1, close));
      values.push(value);
      i = end;
    }
  }
}
