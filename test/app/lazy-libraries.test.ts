/**
 * Decision 0028: what `klara serve` loads at start-up leaves out the heavy libraries an intake
 * never uses (charts, PDFs, spreadsheets, mail), so the server's memory stays low. The check
 * follows the imports Node runs from the entry points `serve` loads (the CLI, the server, the
 * jobs): every static import except `import type …` (verbatimModuleSyntax keeps all others,
 * even `import { type X }`), not `import()`, which is the lazy loading itself.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { lazy } from "../../src/app/lazy-module.js";

const ROOT = resolve(import.meta.dirname, "../..");
const ENTRIES = ["src/cli/main.ts", "src/http/server.ts", "src/jobs/runner.ts"];
const HEAVY = ["echarts", "exceljs", "imapflow", "mailparser", "nodemailer", "pdfkit"];

/** Packages and source files reached from the entries through imports run at load time. */
function loadedAtStart(entries: readonly string[]): { packages: Set<string>; files: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = entries.map((e) => join(ROOT, e));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      let specifier: ts.Expression | undefined;
      if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) {
        specifier = statement.moduleSpecifier;
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        specifier = statement.moduleSpecifier;
      }
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const name = specifier.text;
      if (name.startsWith(".")) {
        const target = join(dirname(file), name).replace(/\.js$/, ".ts");
        if (existsSync(target)) queue.push(target);
      } else if (!name.startsWith("node:")) {
        packages.add(
          name
            .split("/")
            .slice(0, name.startsWith("@") ? 2 : 1)
            .join("/"),
        );
      }
    }
  }
  return { packages, files };
}

describe("start-up of the server", () => {
  it("loads no chart, PDF, spreadsheet or mail library until one is used", () => {
    const { packages, files } = loadedAtStart(ENTRIES);
    // the walk reaches the server, its pages and use cases (else the check proves nothing)
    expect(packages).toContain("fastify");
    for (const f of ["src/http/build-app.ts", "src/app/exports.ts", "src/app/letter-pdf.ts"]) {
      expect(files).toContain(join(ROOT, f));
    }
    expect(HEAVY.filter((p) => packages.has(p))).toEqual([]);
  });

  it("sees a static import (the walk itself)", () => {
    // the domain's calendar imports date-holidays statically; ECharts' loader only by import()
    expect(loadedAtStart(["src/domain/calendar.ts"]).packages).toContain("date-holidays");
    expect(loadedAtStart(["src/app/echarts-module.ts"]).packages).not.toContain("echarts");
  });
});

describe("a library loaded on first use", () => {
  it("is loaded once, and tried again after a failed load", async () => {
    let calls = 0;
    const once = lazy(async () => ++calls);
    expect(await Promise.all([once(), once()])).toEqual([1, 1]);
    expect(await once()).toBe(1);
    let failing = true;
    const retried = lazy(async () => {
      calls++;
      if (failing) throw new Error("not installed");
      return "loaded";
    });
    await expect(retried()).rejects.toThrow("not installed");
    failing = false;
    expect(await retried()).toBe("loaded");
    expect(calls).toBe(3);
  });
});
