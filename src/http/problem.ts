import { STATUS_CODES } from "node:http";
import type { FastifyReply } from "fastify";
import type { ErrorCode, FieldError, KlaraError } from "../domain/errors.js";

/** RFC 9457 problem details, as every error of the HTTP API is served. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** for invalid input: one entry per offending field */
  errors?: FieldError[];
  /** for invalid_state: the rule that refused, e.g. "approval_required" */
  reason?: string;
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
export const PROBLEM_TYPE_BASE = "https://klara.example/problems/";

/** The one table: every KlaraError code, its HTTP status and a short human title. */
export const ERROR_HTTP = {
  invalid_input: { status: 400, title: "Invalid input" },
  unauthenticated: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  invalid_state: { status: 409, title: "Not allowed in the current state" },
  conflict: { status: 409, title: "Conflict" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  rate_limited: { status: 429, title: "Too many requests" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const satisfies Record<ErrorCode, { status: number; title: string }>;

/** Problem kinds that are not KlaraError codes (unexpected failures). */
export type ProblemKind = ErrorCode | "internal";

const INTERNAL = { status: 500, title: "Internal server error" } as const;

/** The HTTP status of a KlaraError code. */
export const httpStatusOf = (code: ErrorCode): number => ERROR_HTTP[code].status;

/** Stable URI of a problem kind, e.g. `https://klara.example/problems/invalid-state`. */
export const problemType = (kind: ProblemKind): string => PROBLEM_TYPE_BASE + kind.replaceAll("_", "-");

/** Builds a problem body for a kind; `errors` and `reason` are only included when given. */
export function problem(
  kind: ProblemKind,
  detail: string,
  extras: { errors?: FieldError[] | undefined; reason?: string | undefined } = {},
): Problem {
  const entry = kind === "internal" ? INTERNAL : ERROR_HTTP[kind];
  const body: Problem = { type: problemType(kind), title: entry.title, status: entry.status, detail };
  if (extras.errors && extras.errors.length > 0) body.errors = extras.errors;
  if (extras.reason) body.reason = extras.reason;
  return body;
}

/** The problem for a KlaraError: its mapped status, its message as detail, field errors and reason. */
export const problemFromKlaraError = (err: KlaraError): Problem =>
  problem(err.code, err.message, { errors: err.details.fieldErrors, reason: err.details.reason });

/**
 * The problem for a bare HTTP status (errors raised by Fastify or its plugins): the KlaraError
 * kind with that status when there is one, otherwise `about:blank` with the standard reason phrase.
 * Statuses outside 400–599 become 500.
 */
export function problemForStatus(status: number, detail: string): Problem {
  if (!Number.isInteger(status) || status < 400 || status > 599) return problem("internal", detail);
  for (const [code, entry] of Object.entries(ERROR_HTTP)) {
    if (entry.status === status) return problem(code as ErrorCode, detail);
  }
  if (status === 500) return problem("internal", detail);
  return { type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail };
}

/** Sends a problem as `application/problem+json` with its status (401 adds `WWW-Authenticate`). */
export function sendProblem(reply: FastifyReply, body: Problem, wwwAuthenticate = "Bearer"): FastifyReply {
  if (body.status === 401 && !reply.hasHeader("www-authenticate")) {
    reply.header("www-authenticate", wwwAuthenticate);
  }
  return reply.code(body.status).type(`${PROBLEM_CONTENT_TYPE}; charset=utf-8`).send(JSON.stringify(body));
}
