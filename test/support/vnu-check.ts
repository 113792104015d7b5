/**
 * The Nu Html Checker (vnu-jar, Java) over a few rendered pages in one run; `HAS_VNU` is false where
 * Java is not installed (the suite then skips the check, as html-validity.test.ts does).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const VNU = join(process.cwd(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
export const HAS_VNU = existsSync("/usr/bin/java") && existsSync(VNU);

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
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const report = JSON.parse(stderr || stdout) as {
      messages: { type: string; url?: string; lastLine?: number; message: string }[];
    };
    return report.messages
      .filter((m) => m.type === "error")
      .map((m) => `${(m.url ?? "").split("/").pop()}:${m.lastLine ?? "?"}: ${m.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
