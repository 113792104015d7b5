/**
 * The target band for the appeals board's upheld rate (issue 9: the employment administration
 * wants the board to uphold 80–85 % of its decisions). A procedure's own band wins over the
 * organisation's; without either, the default.
 */

export interface AppealsTarget {
  /** whole percent, 0–100, low ≤ high */
  lowPercent: number;
  highPercent: number;
}

export interface StoredTarget extends AppealsTarget {
  /** null: the organisation's own */
  procedureId: string | null;
}

export const DEFAULT_APPEALS_TARGET: AppealsTarget = { lowPercent: 80, highPercent: 85 };

export function appealsTargetFor(
  stored: readonly StoredTarget[],
  procedureId: string | undefined,
): AppealsTarget & { from: "procedure" | "organisation" | "default" } {
  const own = procedureId ? stored.find((t) => t.procedureId === procedureId) : undefined;
  if (own) return { lowPercent: own.lowPercent, highPercent: own.highPercent, from: "procedure" };
  const org = stored.find((t) => t.procedureId === null);
  if (org) return { lowPercent: org.lowPercent, highPercent: org.highPercent, from: "organisation" };
  return { ...DEFAULT_APPEALS_TARGET, from: "default" };
}
