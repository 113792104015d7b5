/**
 * Runs the known-long suites first (browser, then CLI processes and mail servers), so that on two
 * workers the short ones fill in behind them instead of one long suite starting last and running
 * alone. Within a group, Vitest's own order (failed first, then longest or largest).
 */
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const GROUPS: [RegExp, number][] = [
  [/^test\/browser\/accessibility/, 4],
  [/^test\/browser\//, 3],
  [/^test\/(cli|mail)\//, 2],
  [/^test\/web\/(html-validity|admin-mail-settings|yearly-report-page)/, 1],
];

function weight(spec: TestSpecification): number {
  const path = relative(process.cwd(), spec.moduleId).replaceAll("\\", "/");
  return GROUPS.find(([re]) => re.test(path))?.[1] ?? 0;
}

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: Vitest's order holds within a weight
    return [...sorted].sort((a, b) => weight(b) - weight(a));
  }
}
