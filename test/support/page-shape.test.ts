/** The shape the staff axe suite compares pages by (page-shape.ts): the same for markup that differs only in data. */
import { describe, expect, it } from "vitest";
import { pageShape } from "./page-shape.js";

const page = (rows: string, extra = "") =>
  `<!doctype html><html lang="da"><body><a href="#main">Spring</a><main id="main"><h1>Sager</h1>${extra}` +
  `<table><tbody>${rows}</tbody></table><input type="hidden" name="_csrf" value="abc"></main></body></html>`;
const row = (id: string, name: string, badge = "") =>
  `<tr><th scope="row"><a href="/cases/${id}">${name}</a></th><td>${badge}</td></tr>`;

describe("a page's shape", () => {
  it("is the same when only names, numbers, ids, targets and the number of like rows differ", () => {
    const a = pageShape(page(row("AbCdEfGh12345678", "Karen 12") + row("x1", "Ole")));
    const b = pageShape(page(row("ZyXw9876", "Jonas 7")).replace('value="abc"', 'value="zzz"'));
    expect(b.skeleton).toBe(a.skeleton);
    expect([...b.parts]).toEqual([...a.parts]);
  });

  it("differs by an element, an attribute, text that is missing, an in-page target or an empty table", () => {
    const a = pageShape(page(row("1", "Karen"))).skeleton;
    expect(pageShape(page(row("1", "Karen"), "<button>Ny</button>")).skeleton).not.toBe(a);
    expect(pageShape(page(row("1", "Karen")).replace("<h1>", '<h1 class="h2">')).skeleton).not.toBe(a);
    expect(pageShape(page(row("1", "Karen")).replace("Sager", "")).skeleton).not.toBe(a);
    expect(pageShape(page(row("1", "Karen")).replace('href="#main"', 'href="#top"')).skeleton).not.toBe(a);
    expect(pageShape(page("")).skeleton).not.toBe(a);
  });

  it("names a new kind of row as a new part, with the same skeleton", () => {
    const a = pageShape(page(row("1", "Karen")));
    const b = pageShape(
      page(row("1", "Karen") + row("2", "Ole", '<strong class="badge">Over frist</strong>')),
    );
    expect(b.skeleton).toBe(a.skeleton);
    expect([...b.parts].filter((p) => !a.parts.has(p))).toHaveLength(1);
  });
});
