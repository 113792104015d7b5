/**
 * Logger settings for the HTTP server. Request bodies hold personal data and national ids, so
 * requests are logged as method and path only (no query string, no headers, no body), replies as
 * their status code, and errors as type, code, message and stack (never the driver's extra
 * fields, which can quote row values). `authorization` and `cookie` headers are redacted wherever
 * they appear.
 */

interface LoggedRequest {
  method?: string;
  url?: string;
}

interface LoggedReply {
  statusCode?: number;
}

/**
 * The URL without its query string (which may carry search terms) and with a citizen's tracking
 * token (or a personal link's) replaced, since the token is a secret that opens the case.
 */
export const pathOnly = (url: string | undefined): string | undefined =>
  url
    ?.split("?", 1)[0]
    ?.replace(/\/complaints\/status\/[^/]+/, "/complaints/status/:trackingToken")
    // the personal links' tokens too (decision 0017)
    .replace(/^\/handler\/[^/]+/, "/handler/:token")
    .replace(/\/complaints\/confirm\/[^/]+/, "/complaints/confirm/:token");

export const logSerializers = {
  req: (req: LoggedRequest) => ({ method: req.method, url: pathOnly(req.url) }),
  res: (reply: LoggedReply) => ({ statusCode: reply.statusCode }),
  err: (err: unknown) => {
    if (!(err instanceof Error)) return { message: String(err) };
    const code = (err as { code?: unknown }).code;
    return {
      type: err.name,
      message: err.message,
      ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
      stack: err.stack,
    };
  },
};

export const logRedactPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  "request.headers.authorization",
  "request.headers.cookie",
  "headers.authorization",
  "headers.cookie",
  'res.headers["set-cookie"]',
];

/**
 * Fastify `logger` option: false stays false, true gets the safe defaults, an object (pino
 * options, e.g. `level` or `stream`) keeps its settings but always gets the safe serializers and
 * redaction.
 */
export function loggerOptions(logger: boolean | object | undefined): false | Record<string, unknown> {
  if (!logger) return false;
  const base = logger === true ? {} : (logger as Record<string, unknown>);
  return {
    ...base,
    serializers: logSerializers,
    redact: { paths: logRedactPaths, censor: "[redacted]" },
  };
}
