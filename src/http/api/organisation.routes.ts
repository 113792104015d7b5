/** The organisation's settings an admin keeps over the API: its closing days (issue 7 point 8). */
import { z } from "zod";
import { getClosingDays, setClosingDays } from "../../app/closing-days.js";
import type { AppDeps } from "../../app/context.js";
import { defineRoute, type RouteDefinition } from "../route-kit.js";

const ClosingDays = z
  .object({ closingDays: z.array(z.string()).describe("YYYY-MM-DD, sorted") })
  .meta({ id: "ClosingDays" });

const ClosingDaysChange = z
  .object({
    add: z.array(z.string().max(40)).max(366).optional().describe("days to add, YYYY-MM-DD, today or later"),
    remove: z.array(z.string().max(40)).max(366).optional().describe("days to remove, YYYY-MM-DD"),
  })
  .strict()
  .meta({ id: "ClosingDaysChange" });

export function organisationRoutes(deps: AppDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/organisation/closing-days",
      summary: "The organisation's closing days (admin)",
      tags: ["organisation"],
      auth: "staff",
      response: { 200: ClosingDays },
      handler: async ({ actor }) => ({
        body: { closingDays: await getClosingDays(deps, actor.organisationId, actor) },
      }),
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/v1/organisation/closing-days",
      summary: "Add and remove closing days (admin); a past or malformed day is 400 naming it",
      tags: ["organisation"],
      auth: "staff",
      body: ClosingDaysChange,
      response: { 200: ClosingDays },
      handler: async ({ actor, body }) => ({
        body: {
          closingDays: await setClosingDays(
            deps,
            actor.organisationId,
            { add: body.add ?? [], remove: body.remove ?? [] },
            actor,
          ),
        },
      }),
    }),
  ];
}
