import { z } from "zod";
import type { AppDeps } from "../../app/context.js";
import { exportStatistics } from "../../app/exports.js";
import { StatsQuery } from "../../app/schemas.js";
import { getStatistics } from "../../app/statistics.js";
import { statisticsCsv } from "../../domain/statistics-csv.js";
import { defineRoute, type RouteDefinition } from "../route-kit.js";
import { fileResult, XlsxBody } from "./export-response.js";

const Compliance = z.object({ met: z.number(), metAfterDelayNotice: z.number(), missed: z.number() });

const Measures = {
  count: z.number(),
  replyOnTimeRate: z
    .number()
    .nullable()
    .meta({ description: "of the replied cases, the share replied by the original due date" }),
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
  medianWorkingDays: z
    .number()
    .nullable()
    .meta({ description: "processing time in working days (the organisation's calendar)" }),
  p90WorkingDays: z.number().nullable(),
  replyCompliance: Compliance.meta({
    description:
      "reply deadlines met by the original due date, met by a delay notice's date, or missed (an open case past its due date counts as missed)",
  }),
  compliance: z.record(z.string(), Compliance).meta({ description: "the same per deadline kind" }),
  firstContactMedianHours: z.number().nullable(),
  informalRate: z
    .number()
    .nullable()
    .meta({ description: "of the cases with a resolution, the share resolved informally" }),
  reassessmentOnTimeRate: z.number().nullable(),
  appealsUpheldRate: z
    .number()
    .nullable()
    .meta({ description: "of the appeals board's results, the share upheld" }),
};

const Stats = z
  .object({
    groups: z.array(
      z.object({
        key: z
          .union([z.string(), z.array(z.string())])
          .meta({ description: "a string for one dimension, an array for two" }),
        ...Measures,
        baseline: z.object(Measures).optional().meta({ description: "with baselineFrom/baselineTo" }),
      }),
    ),
    total: z.number(),
  })
  .meta({ id: "Statistics" });

export function statisticsRoute(deps: AppDeps): RouteDefinition {
  return defineRoute({
    method: "GET",
    url: "/api/v1/stats",
    summary: "Counts, deadline compliance, processing time and more, grouped (analyst, manager or admin)",
    description:
      "With `format=csv` the answer is `text/csv; charset=utf-8`: a header row and one row per group. " +
      "With `format=xlsx` the same rows as an XLSX sheet (numbers typed, the header row frozen).",
    tags: ["statistics"],
    auth: "staff",
    querystring: StatsQuery,
    response: {
      200: z.union([Stats, z.string().meta({ description: "text/csv with format=csv" }), XlsxBody]),
    },
    handler: async ({ actor, query }) => {
      if (query.format === "xlsx") return fileResult(await exportStatistics(deps, actor, query, "xlsx"));
      const stats = await getStatistics(deps, actor, query);
      if (query.format !== "csv") return { body: stats };
      return {
        body: statisticsCsv(stats.groups, query.groupBy),
        headers: {
          "content-type": "text/csv; charset=utf-8",
          "content-disposition": 'attachment; filename="statistics.csv"',
        },
      };
    },
  });
}
