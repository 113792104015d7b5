/**
 * The Nu Html Checker (vnu-jar, Java) over a few rendered pages in one run; `HAS_VNU` is false where
 * Java is not installed (the suite then skips the check, as html-validity.test.ts does).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const VNU = join(process.cwd(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
export const HAS_VNU = existsSync("/usr/bin/java") && existsSync(VNU);
if (!HAS_VNU) {
  const why = "there is no Java for the Nu Html Checker (apt-get install default-jre-headless)";
  if (process.env.KLARA_REQUIRE_ALL === "1") throw new Error(`KLARA_REQUIRE_ALL=1 but ${why}.`);
  console.log(`The Nu Html Checker's checks are skipped: ${why}.`);
}

/**
 * The checker runs once and briefly: the JVM's quick compiler only (C1) and one GC thread halve its
 * CPU time (5.5 s → 2.5 s over 60 pages); what it reports does not depend on how Java compiles it.
 */
export const JVM_FLAGS = ["-Xss2m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];

/** The checker's errors, each prefixed with the page's name; [] when every page is valid. */
export async function vnuErrors(pages: readonly { name: string; html: string }[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "klara-vnu-"));
  try {
    const files = pages.map((p) => {
      const file = join(dir, `${p.name}.html`);
      writeFileSync(file, p.html);
      return file;
    });
    const { stdout, stderr } = await promisify(execFile)(
      "java",
      [...JVM_FLAGS, "-jar", VNU, "--format", "json", "--exit-zero-always", ...files],
      // a hundred pages' warnings are several megabytes of JSON
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const report = JSON.parse(stderr || stdout) as {
      messages: {
        type: string;
        subType?: string;
        url?: string;
        lastLine?: number;
        message: string;
        extract?: string;
      }[];
    };
    // a page the checker could not read is an error too (not its own internal notes)
    return report.messages
      .filter((m) => m.type === "error" || (m.type === "non-document-error" && m.subType !== "internal"))
      .map(
        (m) => `${(m.url ?? "").split("/").pop()}:${m.lastLine ?? "?"}: ${m.message} [${m.extract ?? ""}]`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The pages a test file renders on each database, checked in one run of the checker after its
 * suites (a JVM start is slow): `add` where a page is rendered, `itValidates` once, after them.
 */
export function vnuBatch(): {
  add(...pages: { name: string; html: string }[]): void;
  itValidates(title: string, atLeast: number, timeoutMs?: number): void;
} {
  const pages: { name: string; html: string }[] = [];
  return {
    add: (...more) => {
      pages.push(...more);
    },
    itValidates(title, atLeast, timeoutMs = 60_000) {
      it.skipIf(!HAS_VNU)(
        title,
        async () => {
          // the suites rendered what they should (a skipped or failed one shows here too)
          expect(pages.length).toBeGreaterThanOrEqual(atLeast);
          expect(await vnuErrors(pages)).toEqual([]);
        },
        timeoutMs,
      );
    },
  };
}
