/**
 * The environment, read and validated once (API.md "Command line"): KLARA_DB, KLARA_PORT,
 * KLARA_HOST, KLARA_RATE_LIMIT, KLARA_LOG_LEVEL, KLARA_SECURE_COOKIES, KLARA_COOKIE_SECRET, KLARA_SMTP_URL, KLARA_MAIL_FROM, KLARA_IMAP_URL, KLARA_DIGEST_HOUR, KLARA_DIGITAL_POST and KLARA_PUBLIC_URL. Command-line flags override these values.
 */
import { z } from "zod";
import { invalidInput } from "./domain/errors.js";

export const DEFAULT_DB = "./data/klara.db";

/** An unset or empty variable takes the default. */
const unsetIsDefault = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const Port = z.coerce.number().int().min(0).max(65_535);

/** An http(s) address without query or fragment, kept without a trailing slash. */
export const PublicUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      const web = u.protocol === "http:" || u.protocol === "https:";
      return web && !u.username && !u.password && !/[?#\s]/.test(v);
    } catch {
      return false;
    }
  }, "must be an http:// or https:// address without query, fragment or user, e.g. https://klage.kommune.dk")
  .transform((v) => v.replace(/\/+$/, ""));

const Env = z.object({
  KLARA_DB: z.preprocess(unsetIsDefault, z.string().trim().min(1).default(DEFAULT_DB)),
  KLARA_PORT: z.preprocess(unsetIsDefault, Port.default(3000)),
  KLARA_HOST: z.preprocess(unsetIsDefault, z.string().trim().min(1).default("127.0.0.1")),
  /** public submissions per client address per minute; 0 turns the limit off */
  KLARA_RATE_LIMIT: z.preprocess(unsetIsDefault, z.coerce.number().int().min(0).max(1_000_000).default(60)),
  /** cookies are sent only over HTTPS unless this is "false" (local http, as `npm start` serves the demo) */
  KLARA_SECURE_COOKIES: z.preprocess(unsetIsDefault, z.enum(["true", "false"]).default("true")),
  /** signs the web's CSRF cookies; set it when several processes serve one site (else random per process) */
  KLARA_COOKIE_SECRET: z.preprocess(unsetIsDefault, z.string().min(32).optional()),
  /** outgoing mail: smtp://user:pass@host:port or smtps://…; unset, letters are captured (the demo) */
  KLARA_SMTP_URL: z.preprocess(
    unsetIsDefault,
    z
      .string()
      .trim()
      .regex(/^smtps?:\/\/[^\s]+$/, "must be smtp://… or smtps://…")
      .optional(),
  ),
  /** the complaint mailbox: imap://user:pass@host:port/INBOX or imaps://…; unset, no mailbox is read */
  KLARA_IMAP_URL: z.preprocess(
    unsetIsDefault,
    z
      .string()
      .trim()
      .regex(/^imaps?:\/\/[^\s]+$/, "must be imap://… or imaps://…")
      .optional(),
  ),
  /** the organisation's local hour from which serve sends the daily digest (decision 0021) */
  KLARA_DIGEST_HOUR: z.preprocess(unsetIsDefault, z.coerce.number().int().min(0).max(23).default(7)),
  /** letters to a Danish complainant known by national id without e-mail: "mock" records them (decision 0021) */
  KLARA_DIGITAL_POST: z.preprocess(unsetIsDefault, z.enum(["mock"]).optional()),
  /** Klara's address as its readers reach it: every link in a letter or e-mail starts with it (decision 0025) */
  KLARA_PUBLIC_URL: z.preprocess(unsetIsDefault, PublicUrl.optional()),
  /** the From of every letter; unset, the organisation's name at a local address */
  KLARA_MAIL_FROM: z.preprocess(unsetIsDefault, z.string().trim().min(3).optional()),
  /** the server's log level; request lines are logged at info */
  KLARA_LOG_LEVEL: z.preprocess(
    unsetIsDefault,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
  ),
});

export interface KlaraConfig {
  /** a SQLite file path or a postgres:// URL */
  db: string;
  port: number;
  host: string;
  rateLimitPerMinute: number;
  logLevel: string;
  secureCookies: boolean;
  cookieSecret?: string;
  smtpUrl?: string;
  mailFrom?: string;
  imapUrl?: string;
  /** 0–23, default 7 */
  digestHour: number;
  /** the Digital Post adapter; unset: such letters are for print */
  digitalPost?: "mock";
  /** KLARA_PUBLIC_URL without a trailing slash; unset, serve uses the address it listens on */
  publicUrl?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): KlaraConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw invalidInput(
      errors,
      `Invalid environment: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
    );
  }
  const e = parsed.data;
  return {
    db: e.KLARA_DB,
    port: e.KLARA_PORT,
    host: e.KLARA_HOST,
    rateLimitPerMinute: e.KLARA_RATE_LIMIT,
    logLevel: e.KLARA_LOG_LEVEL,
    secureCookies: e.KLARA_SECURE_COOKIES === "true",
    ...(e.KLARA_COOKIE_SECRET ? { cookieSecret: e.KLARA_COOKIE_SECRET } : {}),
    ...(e.KLARA_SMTP_URL ? { smtpUrl: e.KLARA_SMTP_URL } : {}),
    ...(e.KLARA_MAIL_FROM ? { mailFrom: e.KLARA_MAIL_FROM } : {}),
    ...(e.KLARA_IMAP_URL ? { imapUrl: e.KLARA_IMAP_URL } : {}),
    digestHour: e.KLARA_DIGEST_HOUR,
    ...(e.KLARA_DIGITAL_POST ? { digitalPost: e.KLARA_DIGITAL_POST } : {}),
    ...(e.KLARA_PUBLIC_URL ? { publicUrl: e.KLARA_PUBLIC_URL } : {}),
  };
}
