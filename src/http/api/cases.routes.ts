/** Staff case endpoints of API.md: register, list, read, and one route per registered command. */
import { z } from "zod";
import { CASE_COMMANDS } from "../../app/case-command.registry.js";
import type { AppDeps } from "../../app/context.js";
import { exportCases } from "../../app/exports.js";
import { getCase } from "../../app/get-case.js";
import { listCases } from "../../app/list-cases.js";
import { registerCase } from "../../app/register-case.js";
import { runCaseCommand } from "../../app/run-case-command.js";
import { ListCasesQuery, RegisterCaseBody } from "../../app/schemas.js";
import { COMMANDS } from "../../domain/lifecycle.js";
import { defineRoute, type RouteDefinition } from "../route-kit.js";
import { CaseView, presentCase } from "./case.presenter.js";
import { fileResult, XlsxBody } from "./export-response.js";

const IdParams = z.object({ id: z.string().min(1).max(64) });

export const CaseSummaryView = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.string(),
    procedure: z.string(),
    type: z.string(),
    category: z.string().nullable(),
    subject: z.string(),
    unitId: z.string().nullable(),
    receivedAt: z.string(),
    channel: z.string(),
    source: z.string(),
    confidentiality: z.string(),
    handlers: z.array(z.string()),
    nextDeadline: z.object({ kind: z.string(), dueDate: z.string() }).nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: "CaseSummary" });

export function caseRoutes(deps: AppDeps): RouteDefinition[] {
  const register = defineRoute({
    method: "POST",
    url: "/api/v1/cases",
    summary: "Register a complaint received by phone, letter, in person or e-mail",
    tags: ["cases"],
    auth: "staff",
    body: RegisterCaseBody,
    response: { 201: CaseView },
    handler: async ({ actor, body }) => {
      return { status: 201, body: presentCase(await registerCase(deps, actor, body)) };
    },
  });

  const list = defineRoute({
    method: "GET",
    url: "/api/v1/cases",
    summary: "List cases with filters, sort, full-text search and a cursor",
    description:
      "With `format=csv` (`text/csv; charset=utf-8`) or `format=xlsx`: every case of the filter the person " +
      "may see, as a file with a header row (limit and cursor do not apply; at most 50 000 cases).",
    tags: ["cases"],
    auth: "staff",
    querystring: ListCasesQuery,
    response: {
      200: z.union([
        z.object({ items: z.array(CaseSummaryView), nextCursor: z.string().nullable() }),
        z.string().meta({ description: "text/csv with format=csv" }),
        XlsxBody,
      ]),
    },
    handler: async ({ actor, query }) => {
      if (query.format === "csv" || query.format === "xlsx") {
        return fileResult(await exportCases(deps, actor, query, query.format));
      }
      const { items, nextCursor } = await listCases(deps, actor, query);
      return { body: { items, nextCursor } };
    },
  });

  const get = defineRoute({
    method: "GET",
    url: "/api/v1/cases/:id",
    summary: "A case with its deadlines, handlers and journal",
    tags: ["cases"],
    auth: "staff",
    params: IdParams,
    response: { 200: CaseView },
    handler: async ({ actor, params }) => ({ body: presentCase(await getCase(deps, actor, params.id)) }),
  });

  const commands = COMMANDS.map((command) =>
    defineRoute({
      method: "POST",
      url: `/api/v1/cases/:id/commands/${command}`,
      operationId: `command_${command.replaceAll("-", "_")}`,
      summary: `Command: ${command}`,
      description: CASE_COMMANDS[command].summary,
      tags: ["commands"],
      auth: "staff",
      params: IdParams,
      body: CASE_COMMANDS[command].body,
      response: { 200: CaseView },
      handler: async ({ actor, params, body }) => {
        await runCaseCommand(deps, actor, params.id, command, body);
        return { body: presentCase(await getCase(deps, actor, params.id)) };
      },
    }),
  );

  return [register, list, get, ...commands];
}
