/**
 * Writing BENCHMARKS.md: each benchmark owns one section between HTML comment markers
 * (`<!-- bench:NAME:start -->` … `<!-- bench:NAME:end -->`) and rewrites only that, so the intake
 * and the list/search benchmark can be run separately and both results stay in the file.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";

export function fmt(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "—";
}

export function machine(): Record<string, string> {
  const cpus = os.cpus();
  return {
    CPU: cpus[0]?.model.trim() ?? "unknown",
    cores: String(os.availableParallelism?.() ?? cpus.length),
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    OS: `${os.type()} ${os.release()} (${os.arch()})`,
    Node: process.version,
  };
}

export function machineLines(versions: Record<string, string>): string {
  return Object.entries({ ...machine(), ...versions })
    .map(([k, v]) => `- ${k}: ${v}`)
    .join("\n");
}

const HEADER = `# Benchmarks

Written by \`npm run bench\` (bench/all.ts: the intake benchmark bench/run.ts, then the case list and
search benchmark bench/list-search.ts). Each section is rewritten only by its own benchmark; re-run it
to refresh that section.
`;

/** The sections in the order they appear in the file. */
const SECTION_ORDER = ["intake", "list-search"];

const marker = (name: string, edge: "start" | "end") => `<!-- bench:${name}:${edge} -->`;

/**
 * A file from before the markers held only the intake benchmark's report, with `## ` headings:
 * it becomes the intake section, its headings one level down, so nothing measured is lost.
 */
function upgradeLegacy(text: string): string {
  const body = text
    .replace(/^# Benchmarks\n+/, "")
    .replace(
      /^Written by `npm run bench` \(bench\/run\.ts\)/m,
      "Written by `npm run bench:intake` (bench/run.ts)",
    )
    .replace(/^## /gm, "### ")
    .trim();
  return `${HEADER}\n${marker("intake", "start")}\n## Intake (public complaint submission)\n\n${body}\n${marker("intake", "end")}\n`;
}

/** Replaces (or appends) section `name` of `file` with `body`, which should start with a `## ` heading. */
export function writeSection(file: string, name: string, body: string): void {
  let text = existsSync(file) ? readFileSync(file, "utf8") : HEADER;
  if (!text.includes("<!-- bench:") && text.trim().startsWith("# Benchmarks") && text.includes("## ")) {
    text = upgradeLegacy(text);
  }
  const start = marker(name, "start");
  const end = marker(name, "end");
  const section = `${start}\n${body.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) {
    text = text.slice(0, from) + section + text.slice(to + end.length);
  } else {
    // keep the sections in SECTION_ORDER: insert before the first later one present
    const later = SECTION_ORDER.slice(SECTION_ORDER.indexOf(name) + 1)
      .map((n) => text.indexOf(marker(n, "start")))
      .filter((i) => i >= 0);
    const at = SECTION_ORDER.includes(name) && later.length ? Math.min(...later) : -1;
    text =
      at >= 0 ? `${text.slice(0, at)}${section}\n\n${text.slice(at)}` : `${text.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(file, text);
}
