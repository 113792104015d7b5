/**
 * The `klara` command (API.md "Command line"). Every command brings the schema up to date first,
 * prints a short message, and exits 0 on success, 1 on an error (one line on stderr), 2 on a usage
 * error. `journal verify` exits 1 when a chain is broken, printing the first broken entry.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { addPerson } from "../app/add-person.js";
import { type AppDeps, createDeps, LOCAL_PUBLIC_URL } from "../app/context.js";
import { createToken } from "../app/create-token.js";
import { withDigitalPost } from "../app/digital-post-delivery.js";
import { type DemoLoaded, loadDemo } from "../app/load-demo.js";
import { AddPersonInput } from "../app/schemas.js";
import { noOrganisationMessage, prepareToServe } from "../app/setup-serve.js";
import { verifyJournals } from "../app/verify-journal.js";
import { Port, readConfig as readEnvironment } from "../config.js";
import { migrateToLatest, openDatabase } from "../db/create-db.js";
import { isPostgresUrl } from "../db/dialect.js";
import { systemClock } from "../domain/clock.js";
import { KlaraError } from "../domain/errors.js";
import { Role } from "../domain/vocabulary.js";
import { keyringFor, keysRotate } from "./keys-command.js";
import {
  FlagError,
  organisationAdd,
  organisationClosingDays,
  setupApply,
  userPassword,
} from "./organisation-commands.js";

export const USAGE =
  "usage: klara serve [--demo] [--db DB] [--port 3000] [--host 127.0.0.1] | migrate [--db DB] | demo [--db DB] [--json]" +
  " | user add --email E --name N --unit CODE --role R[,R…] [--db DB] | token create --email E [--db DB]" +
  " | journal verify [--db DB] | keys rotate [--db DB]" +
  " | organisation add --name N --country DK|NO [--time-zone TZ] [--language da|nb|en] [--admin-email E --admin-name N] [--db DB]" +
  " | organisation closing-days --organisation ID [--add YYYY-MM-DD…] [--remove YYYY-MM-DD…] [--db DB]" +
  " | setup apply FILE [--db DB] | user password --email E [--db DB] | mail deliver [--db DB] | mail digest [--db DB] | mail fetch [--organisation ID] [--db DB]" +
  " | report yearly --organisation ID --year YYYY [--period calendar|advisor] [--lang da|nb|en] --out FILE.pdf [--db DB]" +
  " | stats rebuild [--organisation ID] [--db DB] | stats fold [--db DB]";

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const stdio: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

class UsageError extends Error {}

type Flags = {
  db?: string;
  port?: string;
  host?: string;
  json?: boolean;
  email?: string;
  name?: string;
  unit?: string;
  role?: string;
  demo?: boolean;
  help?: boolean;
  country?: string;
  "time-zone"?: string;
  language?: string;
  "admin-email"?: string;
  "admin-name"?: string;
  organisation?: string;
  add?: string[];
  remove?: string[];
  year?: string;
  period?: string;
  lang?: string;
  out?: string;
};

const OPTIONS = {
  db: { type: "string" },
  port: { type: "string" },
  host: { type: "string" },
  json: { type: "boolean" },
  email: { type: "string" },
  name: { type: "string" },
  unit: { type: "string" },
  role: { type: "string" },
  demo: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  country: { type: "string" },
  "time-zone": { type: "string" },
  language: { type: "string" },
  "admin-email": { type: "string" },
  "admin-name": { type: "string" },
  organisation: { type: "string" },
  add: { type: "string", multiple: true },
  remove: { type: "string", multiple: true },
  year: { type: "string" },
  period: { type: "string" },
  lang: { type: "string" },
  out: { type: "string" },
} as const;

/** Each command and the flags it takes (besides --db and --help). */
const COMMANDS: Record<string, (keyof Flags)[]> = {
  serve: ["port", "host", "demo"],
  migrate: [],
  demo: ["json"],
  "user add": ["email", "name", "unit", "role"],
  "token create": ["email"],
  "user password": ["email"],
  "journal verify": [],
  "keys rotate": [],
  "organisation add": ["name", "country", "time-zone", "language", "admin-email", "admin-name"],
  "organisation closing-days": ["organisation", "add", "remove"],
  "setup apply": [],
  "mail deliver": [],
  "mail fetch": ["organisation"],
  "mail digest": [],
  "report yearly": ["organisation", "year", "period", "lang", "out"],
  "stats rebuild": ["organisation"],
  "stats fold": [],
};

/** Said by the commands that write letters or e-mails with links in them (decision 0025). */
function noPublicUrlWarning(base: string): string {
  return `klara: warning: KLARA_PUBLIC_URL is not set; links in letters and e-mails point to ${base} (set it to the address people reach Klara at, e.g. https://klage.kommune.dk).`;
}

/** The address a server listening on host:port is reached at locally (a wildcard host is this machine). */
function listeningUrl(host: string, port: number): string {
  const name = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host;
  return `http://${name.includes(":") ? `[${name}]` : name}:${port}`;
}

/** Commands that take one positional argument after their words. */
const ARGUMENT: Record<string, string> = { "setup apply": "FILE" };

/** Runs one command line; resolves with the exit code (serve: once the server has closed). */
export async function run(argv: readonly string[], io: Output = stdio): Promise<number> {
  try {
    const { command, flags, argument } = parseCommandLine(argv);
    if (flags.help) {
      io.out(USAGE);
      return 0;
    }
    const env = readEnvironment();
    const target = flags.db ?? env.db;
    // A missing file is not created just to be refused: plain serve never makes a database.
    if (command === "serve" && !flags.demo && !isPostgresUrl(target) && !existsSync(target)) {
      throw new Error(noOrganisationMessage(describeTarget(target)));
    }
    const db = openDatabase(target, { keyring: keyringFor(command, flags, target) });
    try {
      // serve answers at once after an upgrade; its jobs rebuild stale statistics in the background
      const applied = await migrateToLatest(db, { statsRebuild: command === "serve" ? "later" : "now" });
      const deps = withDigitalPost(createDeps(db, systemClock), env);
      if (env.publicUrl) deps.publicUrl = env.publicUrl;
      // said once the command has written its letters (a refusal stays one line)
      const linked = (code: number) => {
        if (code === 0 && !env.publicUrl) io.err(noPublicUrlWarning(LOCAL_PUBLIC_URL));
        return code;
      };
      switch (command) {
        case "serve":
          return await serve(deps, flags, env, io);
        case "migrate":
          io.out(
            `The schema of ${describeTarget(flags.db ?? env.db)} is up to date` +
              (applied.length > 0 ? ` (applied ${applied.join(", ")}).` : "."),
          );
          return 0;
        case "demo":
          return linked(await demo(deps, flags, io));
        case "user add":
          return await userAdd(deps, flags, io);
        case "user password":
          await userPassword(deps, flags.email, io);
          return 0;
        case "token create":
          io.out(await createToken(deps, required(flags, "email")));
          return 0;
        case "journal verify":
          return await journalVerify(deps, io);
        case "keys rotate":
          return await keysRotate(deps, io);
        case "organisation add":
          await organisationAdd(deps, flags, io);
          return 0;
        case "organisation closing-days":
          await organisationClosingDays(deps, flags, io);
          return 0;
        case "setup apply":
          await setupApply(deps, argument, io);
          return 0;
        // loaded for their own command only (SMTP, IMAP, PDF and charts take a second to load)
        case "mail deliver":
          return linked(await (await import("./mail-command.js")).mailDeliver(deps, env, io));
        case "mail digest":
          return linked(await (await import("./digest-command.js")).mailDigest(deps, io));
        case "mail fetch":
          return linked(
            await (await import("./mail-fetch-command.js")).mailFetch(deps, env, io, flags.organisation),
          );
        case "report yearly":
          return await (await import("./report-command.js")).reportYearly(deps, flags, io);
        case "stats rebuild":
          return await (await import("./stats-command.js")).statsRebuild(deps, io, flags.organisation);
        case "stats fold":
          return await (await import("./stats-command.js")).statsFold(deps, io);
        default:
          throw new UsageError(`unknown command "${command}"`);
      }
    } finally {
      await db.destroy();
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof FlagError) {
      io.err(`klara: ${error.message}. ${USAGE}`);
      return 2;
    }
    io.err(`klara: ${errorLine(error)}`);
    return 1;
  }
}

function parseCommandLine(argv: readonly string[]): { command: string; flags: Flags; argument?: string } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }
  const flags = parsed.values as Flags;
  const words = parsed.positionals;
  if (words.length === 0) {
    if (flags.help) return { command: "help", flags };
    throw new UsageError("no command given");
  }
  const command = [words[0], words[1]].filter(Boolean).join(" ");
  const known = COMMANDS[command] ? command : COMMANDS[words[0]!] ? words[0]! : null;
  if (!known) throw new UsageError(`unknown command "${words.join(" ")}"`);
  const extra = words.slice(known.split(" ").length);
  const argument = ARGUMENT[known] ? extra.shift() : undefined;
  if (ARGUMENT[known] && argument === undefined) throw new UsageError(`"${known}" needs ${ARGUMENT[known]}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const allowed = new Set<string>(["db", "help", ...COMMANDS[known]!]);
  for (const key of Object.keys(flags)) {
    if (!allowed.has(key)) throw new UsageError(`"${known}" takes no --${key}`);
  }
  return { command: known, flags, ...(argument === undefined ? {} : { argument }) };
}

function required(flags: Flags, key: "email" | "name" | "unit" | "role"): string {
  const v = flags[key];
  if (!v?.trim()) throw new UsageError(`--${key} is required`);
  return v;
}

async function demo(deps: AppDeps, flags: Flags, io: Output): Promise<number> {
  const loaded = await loadDemo(deps);
  if (flags.json) {
    io.out(JSON.stringify({ tokens: loaded.tokens }));
    return 0;
  }
  io.out(
    `Loaded Demo Kommune and Demo ASVO: ${Object.keys(loaded.tokens).length} people, ${loaded.cases} cases.`,
  );
  for (const line of peopleLines(loaded, Object.keys(loaded.tokens))) io.out(line);
  return 0;
}

async function userAdd(deps: AppDeps, flags: Flags, io: Output): Promise<number> {
  const roles = required(flags, "role")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const input = AddPersonInput.safeParse({
    email: required(flags, "email"),
    name: required(flags, "name"),
    unit: required(flags, "unit"),
    roles,
  });
  if (!input.success) {
    const issue = input.error.issues[0]!;
    if (issue.path[0] === "roles") {
      const bad = roles.filter((r) => !Role.safeParse(r).success);
      const what = bad.length > 0 ? `"${bad.join(",")}" is not a role` : issueMessage(issue);
      throw new UsageError(`--role: ${what} (roles: ${Role.options.join(", ")})`);
    }
    throw new UsageError(`--${String(issue.path[0] ?? "input")}: ${issueMessage(issue)}`);
  }
  const person = await addPerson(deps, input.data);
  io.out(`Added ${person.name} <${person.email}> (${person.roles.join(", ")}), id ${person.id}.`);
  return 0;
}

async function journalVerify(deps: AppDeps, io: Output): Promise<number> {
  const result = await verifyJournals(deps);
  if (result.ok) {
    io.out(`The journal is whole: ${result.cases} cases, ${result.entries} entries verified.`);
    return 0;
  }
  io.out(
    `The journal is broken: case ${result.reference} (${result.caseId}), entry ${result.seq}: ${result.reason}.`,
  );
  return 1;
}

const DEMO_SHOWN = [
  "modtager@kommune.example",
  "koordinator@kommune.example",
  "skoleleder.a@kommune.example",
  "godkender@kommune.example",
  "analytiker@kommune.example",
  "mottaker@asvo.example",
  "daglig.leder@asvo.example",
];

/** The deadline sweep runs every minute: a missed deadline is recorded within a minute of midnight. */
const SWEEP_INTERVAL_MS = 60_000;

async function serve(
  deps: AppDeps,
  flags: Flags,
  env: ReturnType<typeof readEnvironment>,
  io: Output,
): Promise<number> {
  const port = flags.port === undefined ? env.port : parsePort(flags.port);
  const host = flags.host ?? env.host;
  // Loaded only here, so that the other commands do not start the web stack.
  const { startServer } = await import("../http/server.js");
  const { startJobs } = await import("../jobs/runner.js");
  // without KLARA_PUBLIC_URL, letters link to where this server listens (port 0: known once listening)
  if (!deps.publicUrl && port !== 0) deps.localUrl = listeningUrl(host, port);
  const loaded = await prepareToServe(deps, {
    demo: flags.demo === true,
    target: describeTarget(flags.db ?? env.db),
  });
  const server = await startServer({
    deps,
    host,
    port,
    rateLimitPerMinute: env.rateLimitPerMinute,
    logger: { level: env.logLevel },
    secureCookies: env.secureCookies,
    ...(env.cookieSecret ? { cookieSecret: env.cookieSecret } : {}),
  });
  const jobs = startJobs(deps, {
    intervalMs: SWEEP_INTERVAL_MS,
    log: server.app.log,
    mail: env,
    digest: { fromHour: env.digestHour },
    rebuildStaleStats: true,
  });
  const url = (server as { url?: string }).url ?? `http://${host}:${port}`;
  if (!deps.publicUrl) {
    if (port === 0) deps.localUrl = listeningUrl(host, Number(new URL(url).port));
    io.err(noPublicUrlWarning(deps.localUrl ?? url));
  }
  // Listened for before the first line is printed: whoever reads it may stop the server at once.
  const stopRequested = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  io.out(`Klara is listening on ${url} (API ${url}/api/v1, OpenAPI ${url}/api/v1/openapi.json).`);
  if (loaded) {
    io.out(`The demo is loaded into the new database (${loaded.cases} cases).`);
    io.out(`Citizens: ${url}/  Staff: sign in at ${url}/sign-in as, for example:`);
    for (const line of peopleLines(loaded, DEMO_SHOWN)) io.out(line);
    const token = loaded.tokens["koordinator@kommune.example"];
    io.out(`  curl -H "Authorization: Bearer ${token}" ${url}/api/v1/cases`);
    io.out("Every demo person, role and password is listed in the README.");
  } else if (flags.demo) {
    io.out(`This is the demo database: sign in at ${url}/sign-in as any demo person listed in the README.`);
  }
  await stopRequested;
  io.out("Stopping…");
  await jobs.stop();
  await server.close();
  return 0;
}

function peopleLines(loaded: DemoLoaded, emails: readonly string[]): string[] {
  return emails
    .filter((e) => loaded.tokens[e])
    .map((e) => `  ${e.padEnd(32)} password ${loaded.passwords[e]!.padEnd(30)} token ${loaded.tokens[e]}`);
}

function parsePort(value: string): number {
  const p = Port.safeParse(value);
  if (!p.success) throw new UsageError(`--port: "${value}" is not a port number`);
  return p.data;
}

/** A database target for messages: never a PostgreSQL URL's password. */
function describeTarget(target: string): string {
  return target.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}

function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.message.replace(/\s+/g, " ");
}

/** One line: a KlaraError's message with its field errors, else the error's first line. */
function errorLine(error: unknown): string {
  if (error instanceof KlaraError) {
    const fields = error.details.fieldErrors ?? [];
    const detail = fields.map((f) => `${f.path}: ${f.message}`).join("; ");
    return (detail ? `${error.message} ${detail}` : error.message).replace(/\s+/g, " ");
  }
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? "unknown error";
}

process.exitCode = await run(process.argv.slice(2));
