import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { KlaraError } from "../domain/errors.js";
import { pathOnly } from "./logging.js";
import { type Problem, problem, problemForStatus, problemFromKlaraError, sendProblem } from "./problem.js";

/**
 * Error codes of drivers, the network and the file system that mean "the database cannot be
 * reached or written right now" (503, try again): a refused or lost connection, a locked
 * database after its busy_timeout, a full disk, a read-only file system, an I/O error.
 */
export const DATABASE_UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "ENOSPC",
  "EROFS",
  "EIO",
  "EDQUOT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08006", // connection_failure
  "08001", // sqlclient_unable_to_establish_sqlconnection
  "08003", // connection_does_not_exist
  "08004", // sqlserver_rejected_establishment_of_sqlconnection
  "53100", // disk_full
  "53200", // out_of_memory
  "53300", // too_many_connections
  "25006", // read_only_sql_transaction (a standby)
  "55P03", // lock_not_available
  "3D000", // invalid_catalog_name: the database is gone
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_CANTOPEN",
  "SQLITE_FULL",
  "SQLITE_READONLY",
  "SQLITE_IOERR",
  "SQLITE_NOTADB",
]);

/** SQLite's extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED …) count as their primary code. */
const SQLITE_PRIMARY = /^(SQLITE_[A-Z]+?)(_[A-Z_]+)?$/;

/** node-postgres says a lost connection in words, without a code. */
const PG_CONNECTION_LOST =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

function outageCode(code: string): string | undefined {
  if (DATABASE_UNAVAILABLE_CODES.has(code)) return code;
  const primary = SQLITE_PRIMARY.exec(code)?.[1];
  return primary && DATABASE_UNAVAILABLE_CODES.has(primary) ? code : undefined;
}

/**
 * The code that makes an error a database outage (a KlaraError "unavailable" gives
 * "unavailable"), looking through `cause` and AggregateError members; undefined otherwise.
 */
export function databaseUnavailableCode(err: unknown, depth = 0): string | undefined {
  if (err === null || typeof err !== "object" || depth > 5) return undefined;
  if (err instanceof KlaraError) return err.code === "unavailable" ? "unavailable" : undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string") {
    const found = outageCode(code);
    if (found) return found;
  } else if (err instanceof Error && PG_CONNECTION_LOST.test(err.message)) {
    return "connection_lost";
  }
  const nested = [(err as { cause?: unknown }).cause, ...(err instanceof AggregateError ? err.errors : [])];
  for (const inner of nested) {
    const found = databaseUnavailableCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/** How long a client is asked to wait after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Remembers that writes failed (a full disk, a read-only file system, a lost database) so that
 * /healthz answers 503 while they do: a read-only `select 1` still succeeds then. The mark holds
 * for {@link WriteHealth.holdMs} after the last failure (a later failure renews it) or until a
 * write succeeds.
 */
export class WriteHealth {
  private failedAt = 0;
  private cause = "";
  constructor(
    readonly holdMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  failed(cause: string): void {
    this.failedAt = this.now();
    this.cause = cause;
  }

  /** A write went through: writes work again. */
  recovered(): void {
    this.failedAt = 0;
  }

  /** Throws while writes are known to fail. */
  check(): void {
    if (this.failedAt && this.now() - this.failedAt < this.holdMs) {
      throw new Error(
        `Writes failed ${Math.round((this.now() - this.failedAt) / 1000)} s ago (${this.cause})`,
      );
    }
  }
}

/**
 * The client hung up before the answer: not an outage of anything of ours. Asked of the socket,
 * never of `request.raw.destroyed`: Node destroys a request stream as soon as its body has been
 * read, so that flag is true for every POST whose handler then fails (its 400 would never be sent).
 */
export function clientHungUp(request: FastifyRequest): boolean {
  return request.raw.socket?.destroyed === true;
}

/** The log line's cause: the driver's own words (they name the condition, not the data). */
function causeOf(err: unknown, depth = 0): string {
  if (!(err instanceof Error) || depth > 5) return String(err);
  const code = (err as { code?: unknown }).code;
  const own = `${typeof code === "string" ? `${code}: ` : ""}${err.message}`;
  const inner = (err as { cause?: unknown }).cause;
  return inner instanceof Error ? `${own}; caused by ${causeOf(inner, depth + 1)}` : own;
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
 * The one error handler: KlaraError → its mapped status; database outages → 503 with
 * `Retry-After` and one log line naming the real cause; Fastify's request errors (413, 415, bad
 * JSON …) → their status; a client that hung up → one info line, nothing sent; anything else →
 * 500 with nothing internal in the body (the error is logged with its stack).
 */
export function createErrorHandler(bodyLimitBytes: number) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (clientHungUp(request)) {
      request.log.info(`The client closed the connection during ${request.method} ${pathOnly(request.url)}`);
      return reply;
    }
    const outage = databaseUnavailableCode(err);
    if (outage) return sendUnavailable(err, outage, request, reply);
    if (err instanceof KlaraError) return sendProblem(reply, problemFromKlaraError(err));
    const known = fastifyProblem(err, bodyLimitBytes);
    if (known) return sendProblem(reply, known);
    request.log.error({ err }, "Unhandled error; answered 500");
    return sendProblem(reply, problem("internal", "An unexpected error occurred."));
  };
}

declare module "fastify" {
  interface FastifyInstance {
    /** set by build-app: failed writes make /healthz answer 503 for a while */
    klaraWriteHealth?: WriteHealth;
  }
}

/** One log line naming the outage's real cause; /healthz follows while writes fail. */
export function logUnavailable(err: unknown, outage: string, request: FastifyRequest): void {
  if (!SAFE_METHODS.has(request.method)) request.server.klaraWriteHealth?.failed(outage);
  request.log.error(
    { code: outage },
    `Database unavailable (${outage}) during ${request.method} ${pathOnly(request.url)}; answered 503. Cause: ${causeOf(err)}`,
  );
}

/** 503 problem+json with Retry-After. */
function sendUnavailable(
  err: unknown,
  outage: string,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  logUnavailable(err, outage, request);
  const body =
    err instanceof KlaraError ? problemFromKlaraError(err) : problem("unavailable", UNAVAILABLE_DETAIL);
  reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  return sendProblem(reply, body);
}
