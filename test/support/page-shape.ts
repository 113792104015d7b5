/**
 * A page's shape: what axe looks at, without what only names the data. The element tree with every
 * tag and attribute, where text is only "there or not", numbers are 0, link and form targets are
 * only "a link elsewhere" (an in-page "#…" target is kept: the skip link), form values are only
 * "set or not", and a run of identical siblings (the rows of a table, the items of a list) counts
 * once. Two pages of the same shape give axe the same things to check; a page whose markup depends
 * on the person (a button only a role has, an empty list, another column) has another shape.
 */
const VOID = new Set("area base br col embed hr img input link meta source track wbr".split(" "));
/** attributes whose value only points somewhere or carries data (a token, a saved field) */
const VALUE_ONLY = new Set(["href", "action", "value", "content", "src", "datetime"]);

interface Node {
  open: string;
  children: string[];
}

function attributes(tag: string): string {
  const out: string[] = [];
  for (const m of tag.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const name = (m[1] ?? "").toLowerCase();
    const value = m[2] ?? m[3] ?? m[4];
    if (value === undefined) out.push(name);
    else if (VALUE_ONLY.has(name) && !value.startsWith("#")) out.push(`${name}=${value ? "…" : ""}`);
    else out.push(`${name}=${value.replace(/\d+/g, "0").replace(/[A-Za-z0-9_-]{16,}/g, "ID")}`);
  }
  return out.sort().join(" ");
}

export interface PageShape {
  /** the page with each table body's rows and each list's items left out */
  skeleton: string;
  /** each kind of row or item, named by its table body or list */
  parts: Set<string>;
}

/** Runs of identical siblings as one. */
const collapse = (children: string[]) => children.filter((c, i) => c !== children[i - 1]);

export function pageShape(html: string): PageShape {
  const parts = new Set<string>();
  const root: Node = { open: "", children: [] };
  const stack: Node[] = [root];
  const top = () => stack[stack.length - 1] as Node;
  const close = () => {
    const node = stack.pop() as Node;
    if (/^<(tbody|ul|ol) /.test(node.open)) {
      for (const row of node.children) parts.add(`${node.open}${row}`);
      top().children.push(`${node.open}${node.children.length ? "…" : ""}</>`);
    } else top().children.push(`${node.open}${collapse(node.children).join("")}</>`);
  };
  const body = html.replace(/<!--[\s\S]*?-->/g, "").replace(/<!doctype[^>]*>/i, "");
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|([^<]+)/g)) {
    if (m[4] !== undefined) {
      if (m[4].trim()) top().children.push("T");
      continue;
    }
    const name = (m[2] ?? "").toLowerCase();
    if (m[1]) {
      // close up to the matching open element (tolerates an implied close)
      const at = stack.findLastIndex((n, i) => i > 0 && n.open.startsWith(`<${name}`));
      if (at < 1) continue;
      while (stack.length > at) close();
      continue;
    }
    const open = `<${name} ${attributes(m[3] ?? "")}>`;
    if (VOID.has(name) || (m[3] ?? "").trimEnd().endsWith("/")) top().children.push(open);
    else stack.push({ open, children: [] });
  }
  while (stack.length > 1) close();
  return { skeleton: collapse(root.children).join(""), parts };
}
