/**
 * The setup file (`klara setup apply FILE`): one YAML or JSON document (JSON is YAML) describing
 * organisations, their units, people and procedures, kept in version control. Parsed with `yaml`
 * so that every error, from syntax to a unit that does not exist, is named by its line.
 */
import { isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { z } from "zod";
import { Country, Role } from "../domain/vocabulary.js";
import { Locale, TimeZone } from "./add-organisation.js";

const name = z.string().trim().min(1).max(200);
const code = z.string().trim().min(1).max(64);
const email = z.email().max(254);

export const SetupUnit = z
  .object({
    code,
    name,
    /** the parent unit's code; none for a top unit */
    parent: code.nullable().optional(),
    /** the manager's e-mail */
    manager: email.nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const SetupPerson = z
  .object({
    email,
    name,
    /** the unit's code */
    unit: code,
    roles: z.array(Role).min(1),
    active: z.boolean().optional(),
  })
  .strict();

export const SetupOrganisation = z
  .object({
    /** names the organisation to update when its name changes; otherwise it is found by name */
    id: z.string().trim().min(1).max(64).optional(),
    name,
    country: Country,
    timeZone: TimeZone.optional(),
    locale: Locale.optional(),
    /** the whole set, YYYY-MM-DD; a day not yet stored must not be in the past */
    closingDays: z.array(z.string()).optional(),
    units: z.array(SetupUnit).default([]),
    people: z.array(SetupPerson).default([]),
    /** ids of shipped procedures to install (an installed one is left as its admins revised it) */
    procedures: z.array(z.string().trim().min(1)).default([]),
  })
  .strict();

export const SetupFile = z.object({ organisations: z.array(SetupOrganisation).min(1) }).strict();
export type SetupFile = z.infer<typeof SetupFile>;

/** A path into the document, as Zod and the apply step name it. */
export type SetupPath = readonly (string | number)[];

export interface ParsedSetup {
  setup: SetupFile;
  /** the line (1-based) of the value at a path, or of its nearest ancestor that is there */
  lineOf(path: SetupPath): number;
}

export interface SetupError {
  line: number;
  path: string;
  message: string;
}

export class SetupFileError extends Error {
  constructor(
    readonly file: string,
    readonly errors: SetupError[],
  ) {
    super(
      `${file}: ${errors.length} error${errors.length === 1 ? "" : "s"}: ` +
        errors.map((e) => `line ${e.line}: ${e.path ? `${e.path}: ` : ""}${e.message}`).join("; "),
    );
  }
}

/** "organisations[0].units[2].parent" */
export function describePath(path: SetupPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** Parses and validates the text of a setup file; throws SetupFileError naming every error's line. */
export function parseSetupFile(text: string, file: string): ParsedSetup {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SetupFileError(
      file,
      doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
        path: "",
        message: e.message.split("\n")[0] ?? "not YAML",
      })),
    );
  }
  const lineOf = (path: SetupPath): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = nodeAt(doc.contents, path.slice(0, n));
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const parsed = SetupFile.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new SetupFileError(
      file,
      parsed.error.issues.map((i) => {
        const path = i.path.filter((p): p is string | number => typeof p !== "symbol");
        return { line: lineOf(path), path: describePath(path), message: i.message.replace(/\s+/g, " ") };
      }),
    );
  }
  return { setup: parsed.data, lineOf };
}

function nodeAt(root: unknown, path: SetupPath): Node | null {
  let node: unknown = root;
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node) && typeof key === "number") node = node.get(key, true);
    else return null;
    if (node === undefined) return null;
  }
  return (node as Node | null) ?? null;
}
