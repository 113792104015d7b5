/** The directory and statistics endpoints. */
import { z } from "zod";
import type { AppDeps } from "../../app/context.js";
import { getDirectory } from "../../app/get-directory.js";
import { defineRoute, type RouteDefinition } from "../route-kit.js";
import { statisticsRoute } from "./statistics.route.js";

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
    statisticsRoute(deps),
  ];
}
