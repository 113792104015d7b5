import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { KlaraError } from "../domain/errors.js";
import { pathOnly } from "./logging.js";
import { type Problem, problem, problemForStatus, problemFromKlaraError, sendProblem } from "./problem.js";

/** Error codes of drivers and the network that mean "the database cannot be reached right now". */
export const DATABASE_UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "57P01", // admin_shutdown
  "57P03", // cannot_connect_now
  "08006", // connection_failure
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "SQLITE_BUSY",
  "SQLITE_CANTOPEN",
]);

/**
 * The code that makes an error a database outage (a KlaraError "unavailable" gives
 * "unavailable"), looking through `cause` and AggregateError members; undefined otherwise.
 */
export function databaseUnavailableCode(err: unknown, depth = 0): string | undefined {
  if (err === null || typeof err !== "object" || depth > 5) return undefined;
  if (err instanceof KlaraError) return err.code === "unavailable" ? "unavailable" : undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && DATABASE_UNAVAILABLE_CODES.has(code)) return code;
  const nested = [(err as { cause?: unknown }).cause, ...(err instanceof AggregateError ? err.errors : [])];
  for (const inner of nested) {
    const found = databaseUnavailableCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const UNAVAILABLE_DETAIL = "The service is temporarily unavailable. Please try again shortly.";

/** Fastify's own request errors, with a detail that is safe to show and does not echo the body. */
function fastifyProblem(err: FastifyError, bodyLimitBytes: number): Problem | undefined {
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return problem("payload_too_large", `The request body is larger than ${bodyLimitBytes} bytes.`);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return problem("unsupported_media_type", "Request bodies must be application/json.");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return problem("invalid_input", "The request body is not valid JSON.");
  }
  const status = err.statusCode;
  if (typeof status !== "number" || status < 400 || status > 499) return undefined;
  if (err instanceof SyntaxError) return problem("invalid_input", "The request body is not valid JSON.");
  // Fastify's own messages are safe; anything else with a status gets only the status text
  const detail =
    typeof err.code === "string" && err.code.startsWith("FST_") ? err.message : "The request failed.";
  return problemForStatus(status, detail);
}

/**
 * The one error handler: KlaraError → its mapped status; database outages → 503 with one clear
 * log line; Fastify's request errors (413, 415, bad JSON …) → their status; anything else → 500
 * with nothing internal in the body (the error is logged with its stack).
 */
export function createErrorHandler(bodyLimitBytes: number) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const outage = databaseUnavailableCode(err);
    if (outage) {
      request.log.error(
        { code: outage },
        `Database unavailable (${outage}) during ${request.method} ${pathOnly(request.url)}; answered 503`,
      );
      const body =
        err instanceof KlaraError ? problemFromKlaraError(err) : problem("unavailable", UNAVAILABLE_DETAIL);
      return sendProblem(reply, body);
    }
    if (err instanceof KlaraError) return sendProblem(reply, problemFromKlaraError(err));
    const known = fastifyProblem(err, bodyLimitBytes);
    if (known) return sendProblem(reply, known);
    request.log.error({ err }, "Unhandled error; answered 500");
    return sendProblem(reply, problem("internal", "An unexpected error occurred."));
  };
}
