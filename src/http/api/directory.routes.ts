/** The directory and statistics endpoints. */
import { z } from "zod";
import type { AppDeps } from "../../app/context.js";
import { getDirectory } from "../../app/get-directory.js";
import { StatsQuery } from "../../app/schemas.js";
import { getStatistics } from "../../app/statistics.js";
import { defineRoute, type RouteDefinition } from "../route-kit.js";

const Directory = z
  .object({
    organisations: z.array(
      z.object({ id: z.string(), name: z.string(), country: z.string(), timeZone: z.string() }),
    ),
    units: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        parentId: z.string().nullable(),
        managerId: z.string().nullable(),
        active: z.boolean(),
        organisationId: z.string(),
      }),
    ),
    people: z.array(
      z.object({
        id: z.string(),
        email: z.string(),
        name: z.string(),
        unitId: z.string(),
        roles: z.array(z.string()),
      }),
    ),
    procedures: z.array(z.object({ id: z.string(), name: z.string(), organisationId: z.string() })),
  })
  .meta({ id: "Directory" });

const Stats = z
  .object({
    groups: z.array(
      z.object({
        key: z.string(),
        count: z.number(),
        replyOnTimeRate: z.number().nullable(),
        medianDays: z.number().nullable(),
        p90Days: z.number().nullable(),
      }),
    ),
    total: z.number(),
  })
  .meta({ id: "Statistics" });

export function directoryRoutes(deps: AppDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/directory",
      summary: "Organisations, units, people and procedures",
      tags: ["directory"],
      auth: "staff",
      response: { 200: Directory },
      handler: async ({ actor }) => ({ body: await getDirectory(deps, actor) }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/stats",
      summary: "Counts, on-time rate and processing time, grouped (analyst, manager or admin)",
      tags: ["statistics"],
      auth: "staff",
      querystring: StatsQuery,
      response: { 200: Stats },
      handler: async ({ actor, query }) => ({ body: await getStatistics(deps, actor, query) }),
    }),
  ];
}
