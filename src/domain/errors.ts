/**
 * Expected failures carry a code; one table per adapter maps codes to HTTP status, CLI exit
 * code and job retry. Neither domain/ nor app/ knows about HTTP.
 */
export type ErrorCode =
  | "invalid_input"
  | "not_found"
  | "unauthenticated"
  | "forbidden"
  /** the case's state (or a rule of its procedure) does not allow the command */
  | "invalid_state"
  /** a uniqueness or concurrency conflict (e.g. an e-mail already in use) */
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "unavailable";

export interface FieldError {
  /** dotted path of the field, e.g. "complainant.email" */
  path: string;
  message: string;
  /** "required" when the field was left empty, so a form can say so in its own words */
  code?: "required";
}

export class KlaraError extends Error {
  override readonly name = "KlaraError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      /** for invalid_state: the rule that refused, e.g. "approval_required" */
      reason?: string;
      fieldErrors?: FieldError[];
    } = {},
  ) {
    super(message);
  }
}

export const invalidInput = (fieldErrors: FieldError[], message = "The input is not valid.") =>
  new KlaraError("invalid_input", message, { fieldErrors });

export const notFound = (what: string) => new KlaraError("not_found", `${what} was not found.`);

export const invalidState = (reason: string, message: string) =>
  new KlaraError("invalid_state", message, { reason });

export const forbidden = (message = "You may not do this.") => new KlaraError("forbidden", message);
