/** `groupBy` of the statistics: one or two dimensions, comma-separated (API.md extension). */
import { z } from "zod";
import { STATS_DIMENSIONS, type StatsDimension } from "../domain/statistics.js";

export const StatsGroupByParam = z
  .string()
  .max(64)
  .default("type")
  .transform((raw, ctx): StatsDimension[] => {
    const parts = raw.split(",").map((p) => p.trim());
    const known = new Set<string>(STATS_DIMENSIONS);
    if (parts.length > 2 || parts.some((p) => !known.has(p)) || new Set(parts).size !== parts.length) {
      ctx.addIssue({
        code: "custom",
        message: `One or two different dimensions, comma-separated, of: ${STATS_DIMENSIONS.join(", ")}.`,
      });
      return z.NEVER;
    }
    return parts as StatsDimension[];
  })
  .meta({
    description: `One or two of ${STATS_DIMENSIONS.join(", ")}, comma-separated`,
    example: "type,outcome",
  });
