/**
 * The pages' download links (decision 0023): the case list and the numbers page as CSV or XLSX,
 * for the signed-in person, through the same use cases as the API's `format=csv|xlsx`. The CSV
 * here starts with a byte order mark, because people open these files in Excel.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { AppDeps } from "../app/context.js";
import { EXPORT_FORMATS, type ExportFile, exportCases, exportStatistics } from "../app/exports.js";
import { ListCasesQuery, StatsQuery } from "../app/schemas.js";
import { invalidInput, KlaraError } from "../domain/errors.js";
import { problemFromKlaraError, sendProblem } from "../http/problem.js";
import { fieldErrorsOf } from "../http/route-kit.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

/** The query without `lang` (the pages' language switch), and its format (csv by default). */
function readQuery(raw: unknown): { query: Record<string, string>; format: (typeof EXPORT_FORMATS)[number] } {
  const query = Object.fromEntries(
    Object.entries((raw ?? {}) as Record<string, unknown>).filter(
      ([k, v]) => k !== "lang" && typeof v === "string" && v !== "",
    ),
  ) as Record<string, string>;
  const format = query.format ?? "csv";
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw invalidInput([{ path: "format", message: "csv or xlsx." }]);
  }
  return { query: { ...query, format }, format: format as (typeof EXPORT_FORMATS)[number] };
}

/** The file, or bad input as 400 problem+json naming the field (a link's query, not a form). */
async function answer(reply: FastifyReply, make: () => Promise<ExportFile>) {
  let file: ExportFile;
  try {
    file = await make();
  } catch (error) {
    if (error instanceof KlaraError && error.code === "invalid_input") {
      return sendProblem(reply, problemFromKlaraError(error));
    }
    throw error;
  }
  return reply
    .header("cache-control", "no-store")
    .header("x-content-type-options", "nosniff")
    .header("content-disposition", `attachment; filename="${file.fileName}"`)
    .type(file.contentType)
    .send(file.body);
}

export function exportPages(app: FastifyInstance, deps: AppDeps): void {
  const signedIn = requireSignIn(deps);

  app.get("/cases/export", { preHandler: signedIn }, async (request, reply) =>
    answer(reply, async () => {
      const { query, format } = readQuery(request.query);
      const parsed = ListCasesQuery.safeParse(query);
      if (!parsed.success) throw invalidInput(fieldErrorsOf(parsed.error));
      return exportCases(deps, actorOf(request), parsed.data, format, { bom: true });
    }),
  );

  app.get("/statistics/export", { preHandler: signedIn }, async (request, reply) =>
    answer(reply, async () => {
      const { query, format } = readQuery(request.query);
      const parsed = StatsQuery.safeParse(query);
      if (!parsed.success) throw invalidInput(fieldErrorsOf(parsed.error));
      return exportStatistics(deps, actorOf(request), parsed.data, format, { bom: true });
    }),
  );
}
