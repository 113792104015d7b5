/**
 * An organisation's mail settings, kept by its admins (issue 8, API.md "Mail"): the sender its
 * letters go out from (name, address, reply-to; without one, KLARA_MAIL_FROM) and its complaint
 * mailbox over IMAP. The password is write-only: stored sealed, answered as "set" or not, never
 * echoed, never logged; a change answers the names of the fields it changed (for the adapters'
 * log line), never their values.
 */
import { z } from "zod";
import {
  findMailSettings,
  mailboxCredentials,
  mailSettingsChanges,
  recordMailSettingsChange,
  type StoredMailbox,
  type StoredMailSettings,
  saveMailSettings,
} from "../db/mail-settings.repository.js";
import { findOrganisation } from "../db/organisation.repository.js";
import { type FieldError, forbidden, invalidInput, notFound } from "../domain/errors.js";
import type { Organisation } from "../domain/organisation.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import { type MailboxTry, tryMailbox } from "./mailbox-connection.js";
import type { ImapTarget } from "./mailbox-imap.js";

export const DEFAULT_FOLDER = "INBOX";
export const DEFAULT_PROCESSED = "Klara/Processed";
export const DEFAULT_QUARANTINE = "Klara/Quarantine";

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$/;

/** CR, LF and the other control characters: never in a header or an IMAP command. */
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A folder path with "/" between levels: no control or wildcard characters, no empty level. */
const Folder = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(200)
    .refine(
      (f) => !hasControl(f) && !/["*%\\]/.test(f),
      "A folder name without control characters, quotes, * or %.",
    )
    .refine((f) => f.split("/").every((part) => part.trim() !== ""), "Levels are separated by one /.")
    .optional(),
);

const Address = z.preprocess(
  blankToNull,
  z.email({ message: "An e-mail address, e.g. klager@kommune.dk" }).max(254).nullable().optional(),
);

export const MailboxInput = z
  .object({
    host: z
      .string({ message: "Write the mailbox server's host name." })
      .trim()
      .min(1, "Write the mailbox server's host name.")
      .max(253)
      .regex(HOST, "A host name such as imap.kommune.dk."),
    port: z.preprocess(
      blankToUndefined,
      z.number({ message: "A port number from 1 to 65535." }).int().min(1).max(65535).optional(),
    ),
    tls: z.boolean().optional(),
    user: z
      .string({ message: "Write the mailbox's user name." })
      .trim()
      .min(1, "Write the mailbox's user name.")
      .max(200)
      .refine((u) => !hasControl(u), "A user name without control characters."),
    /** write-only: absent keeps the stored one */
    password: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(500)
        .refine((p) => !hasControl(p), "A password without control characters.")
        .nullable()
        .optional(),
    ),
    folder: Folder,
    processedFolder: Folder,
    quarantineFolder: Folder,
  })
  .strict();

export const MailSettingsInput = z
  .object({
    senderName: z.preprocess(
      blankToNull,
      z
        .string()
        .trim()
        .max(200)
        .refine((n) => !hasControl(n) && !/["<>\\]/.test(n), "A name without quotes, < or >.")
        .nullable()
        .optional(),
    ),
    senderAddress: Address,
    replyTo: Address,
    mailbox: MailboxInput.nullable().optional(),
  })
  .strict();

export interface MailboxView extends StoredMailbox {
  passwordSet: boolean;
}

export interface MailSettingsView {
  senderName: string | null;
  senderAddress: string | null;
  replyTo: string | null;
  mailbox: MailboxView | null;
  /** the mailbox's reads fail since: reason code (see mailbox-connection.ts) */
  mailboxFailure: { reason: string; since: string } | null;
}

export interface MailSettingsChangeView {
  at: string;
  by: string | null;
  /** field names, e.g. "senderAddress", "mailbox.password" */
  fields: string[];
}

function requireAdmin(actor: Actor): void {
  if (!actor.roles.includes("admin")) throw forbidden("Only admins keep the organisation's mail settings.");
}

function view(s: StoredMailSettings | null): MailSettingsView {
  return {
    senderName: s?.senderName ?? null,
    senderAddress: s?.senderAddress ?? null,
    replyTo: s?.replyTo ?? null,
    mailbox: s?.mailbox ?? null,
    mailboxFailure: s?.failure ?? null,
  };
}

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({
    path: i.path.join(".") || "mailbox",
    message: i.message,
    ...(i.code === "invalid_type" && i.input === undefined ? { code: "required" as const } : {}),
  }));
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalidInput(fieldErrors(parsed.error));
  return parsed.data;
}

function mailboxOf(m: z.output<typeof MailboxInput>): StoredMailbox {
  const tls = m.tls ?? true;
  return {
    host: m.host.toLowerCase(),
    port: m.port ?? (tls ? 993 : 143),
    tls,
    user: m.user,
    folder: m.folder ?? DEFAULT_FOLDER,
    processedFolder: m.processedFolder ?? DEFAULT_PROCESSED,
    quarantineFolder: m.quarantineFolder ?? DEFAULT_QUARANTINE,
  };
}

/** The three folders must differ: a message moved to the folder read would be read again. */
function folderErrors(m: StoredMailbox): FieldError[] {
  const errors: FieldError[] = [];
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (same(m.processedFolder, m.folder))
    errors.push({ path: "mailbox.processedFolder", message: "Not the folder that is read." });
  if (same(m.quarantineFolder, m.folder) || same(m.quarantineFolder, m.processedFolder))
    errors.push({
      path: "mailbox.quarantineFolder",
      message: "Neither the folder that is read nor the one for processed messages.",
    });
  return errors;
}

export async function getMailSettings(deps: AppDeps, actor: Actor): Promise<MailSettingsView> {
  requireAdmin(actor);
  return inTransaction(deps, async (tx) => view(await findMailSettings(tx, actor.organisationId)));
}

/** The settings' recent changes (who, when, which fields), newest first. */
export async function mailSettingsHistory(deps: AppDeps, actor: Actor): Promise<MailSettingsChangeView[]> {
  requireAdmin(actor);
  const rows = await inTransaction(deps, (tx) => mailSettingsChanges(tx, actor.organisationId));
  return rows.map((r) => ({ at: r.at, by: r.personName, fields: r.fields }));
}

export interface MailSettingsChanged {
  settings: MailSettingsView;
  /** the names of the fields that changed (e.g. "senderAddress", "mailbox.password"), never values */
  changed: string[];
}

/** Fields left out keep their value; null clears one; `mailbox: null` removes the mailbox and its password. */
export async function setMailSettings(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<MailSettingsChanged> {
  requireAdmin(actor);
  const data = parse(MailSettingsInput, input);
  return inTransaction(deps, async (tx) => {
    const before = view(await findMailSettings(tx, actor.organisationId));
    const pick = <K extends "senderName" | "senderAddress" | "replyTo">(k: K) =>
      data[k] === undefined ? before[k] : data[k];
    const senderName = pick("senderName");
    const senderAddress = pick("senderAddress");
    const replyTo = pick("replyTo");
    const errors: FieldError[] = [];
    if (senderName && !senderAddress)
      errors.push({ path: "senderAddress", message: "The sender name needs an address.", code: "required" });
    let mailbox: StoredMailbox | null = before.mailbox;
    let password: string | null | undefined;
    if (data.mailbox === null) mailbox = null;
    else if (data.mailbox) {
      mailbox = mailboxOf(data.mailbox);
      password = data.mailbox.password;
      errors.push(...folderErrors(mailbox));
      const hasPassword = password === undefined ? (before.mailbox?.passwordSet ?? false) : password !== null;
      if (!hasPassword)
        errors.push({ path: "mailbox.password", message: "Write the mailbox's password.", code: "required" });
    }
    if (errors.length) throw invalidInput(errors);
    await saveMailSettings(
      tx,
      actor.organisationId,
      {
        senderName,
        senderAddress,
        replyTo,
        mailbox,
        ...(password !== undefined ? { password } : {}),
      },
      nowIso(deps),
    );
    const after = view(await findMailSettings(tx, actor.organisationId));
    const changed = changedFields(before, after, password !== undefined);
    if (changed.length)
      await recordMailSettingsChange(tx, deps.newId(), actor.organisationId, {
        at: nowIso(deps),
        personId: actor.personId,
        fields: changed,
      });
    return { settings: after, changed };
  });
}

function changedFields(a: MailSettingsView, b: MailSettingsView, passwordWritten: boolean): string[] {
  const changed: string[] = (["senderName", "senderAddress", "replyTo"] as const).filter(
    (k) => a[k] !== b[k],
  );
  if ((a.mailbox === null) !== (b.mailbox === null)) changed.push("mailbox");
  else if (a.mailbox && b.mailbox) {
    const before = a.mailbox;
    const after = b.mailbox;
    for (const k of ["host", "port", "tls", "user", "folder", "processedFolder", "quarantineFolder"] as const)
      if (before[k] !== after[k]) changed.push(`mailbox.${k}`);
    if (passwordWritten) changed.push("mailbox.password");
  }
  return changed;
}

export function targetOf(m: StoredMailbox & { password: string }): ImapTarget {
  return { secure: m.tls, host: m.host, port: m.port, user: m.user, pass: m.password, mailbox: m.folder };
}

/**
 * Tries the mailbox: the stored one, or the one in `input` (a form not yet saved). The stored
 * password is used for the input's mailbox only when it names the same server, port, TLS and user:
 * the test must not send the stored secret to another server.
 */
export async function testMailboxConnection(
  deps: AppDeps,
  actor: Actor,
  input?: unknown,
): Promise<MailboxTry> {
  requireAdmin(actor);
  const stored = await inTransaction(deps, (tx) => mailboxCredentials(tx, actor.organisationId));
  let target: ImapTarget;
  if (input === undefined) {
    if (!stored)
      throw invalidInput([{ path: "mailbox.host", message: "No mailbox is set.", code: "required" }]);
    target = targetOf(stored);
  } else {
    const given = parse(MailboxInput, input);
    const mailbox = mailboxOf(given);
    const sameServer =
      stored &&
      stored.host === mailbox.host &&
      stored.port === mailbox.port &&
      stored.tls === mailbox.tls &&
      stored.user === mailbox.user;
    const password = given.password ?? (sameServer ? stored.password : null);
    if (!password)
      throw invalidInput([
        { path: "mailbox.password", message: "Write the mailbox's password.", code: "required" },
      ]);
    target = targetOf({ ...mailbox, password });
  }
  return tryMailbox(target);
}

export interface Sender {
  from: string;
  replyTo?: string;
}

/** A display name safe inside quotes. */
const quoted = (name: string) => `"${name.replace(/["\\\r\n]/g, "").trim()}"`;

/**
 * Who the organisation's letters come from: its own sender when its admins set one, else the
 * installation's KLARA_MAIL_FROM, else its name at a local address. Reply-To when set.
 */
export async function senderOf(tx: Tx, org: Organisation, fallback?: string): Promise<Sender> {
  const s = await findMailSettings(tx, org.id);
  const from = s?.senderAddress
    ? `${quoted(s.senderName ?? org.name)} <${s.senderAddress}>`
    : (fallback ?? `${quoted(org.name)} <klara@localhost>`);
  return { from, ...(s?.replyTo ? { replyTo: s.replyTo } : {}) };
}

/** The organisation (for its name on the pages); not found when it went away. */
export async function mailSettingsOrganisation(deps: AppDeps, actor: Actor): Promise<Organisation> {
  requireAdmin(actor);
  const org = await inTransaction(deps, (tx) => findOrganisation(tx, actor.organisationId));
  if (!org) throw notFound("Your organisation");
  return org;
}
