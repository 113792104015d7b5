/**
 * An organisation's mail settings: its sender and its complaint mailbox. The IMAP password is
 * sealed with the installation's key (AES-GCM, the organisation id as associated data: a
 * ciphertext copied to another organisation does not open) and leaves this module in clear only
 * through `mailboxCredentials`, for the reader and the connection test; everything else sees
 * whether one is set.
 */
import type { Kysely } from "kysely";
import { keyringOf, openValue, sealedKeyId, sealValue } from "./national-id-cipher.js";
import type { Database, MailSettingsTable } from "./schema.js";

type Db = Kysely<Database>;

export interface StoredMailbox {
  host: string;
  port: number;
  tls: boolean;
  user: string;
  folder: string;
  processedFolder: string;
  quarantineFolder: string;
}

export interface StoredMailSettings {
  organisationId: string;
  senderName: string | null;
  senderAddress: string | null;
  replyTo: string | null;
  mailbox: (StoredMailbox & { passwordSet: boolean }) | null;
  /** the mailbox's last read failed: a reason code, and since when */
  failure: { reason: string; since: string } | null;
  updatedAt: string;
}

export interface MailSettingsUpdate {
  senderName: string | null;
  senderAddress: string | null;
  replyTo: string | null;
  mailbox: StoredMailbox | null;
  /** undefined: keep the stored one; null: remove it */
  password?: string | null;
}

const MAILBOX_FIELDS = [
  "host",
  "port",
  "tls",
  "user",
  "folder",
  "processedFolder",
  "quarantineFolder",
] as const;

const context = (organisationId: string) => `mail-settings:${organisationId}`;

function mailboxOf(r: MailSettingsTable): StoredMailbox | null {
  if (!r.imap_host || !r.imap_user) return null;
  return {
    host: r.imap_host,
    port: r.imap_port ?? (r.imap_tls === 0 ? 143 : 993),
    tls: r.imap_tls !== 0,
    user: r.imap_user,
    folder: r.imap_folder ?? "INBOX",
    processedFolder: r.imap_processed_folder ?? "Klara/Processed",
    quarantineFolder: r.imap_quarantine_folder ?? "Klara/Quarantine",
  };
}

async function row(db: Db, organisationId: string): Promise<MailSettingsTable | undefined> {
  return db
    .selectFrom("mail_settings")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

export async function findMailSettings(db: Db, organisationId: string): Promise<StoredMailSettings | null> {
  const r = await row(db, organisationId);
  if (!r) return null;
  const mailbox = mailboxOf(r);
  return {
    organisationId,
    senderName: r.sender_name,
    senderAddress: r.sender_address,
    replyTo: r.reply_to,
    mailbox: mailbox ? { ...mailbox, passwordSet: r.imap_password !== null } : null,
    failure:
      r.mailbox_failure && r.mailbox_failing_since
        ? { reason: r.mailbox_failure, since: r.mailbox_failing_since }
        : null,
    updatedAt: r.updated_at,
  };
}

/** Writes the settings; the password is sealed here, or kept, or removed with the mailbox. */
export async function saveMailSettings(
  db: Db,
  organisationId: string,
  change: MailSettingsUpdate,
  at: string,
): Promise<void> {
  const existing = await row(db, organisationId);
  const m = change.mailbox;
  let password: string | null;
  if (!m) password = null;
  else if (change.password === undefined) password = existing?.imap_password ?? null;
  else
    password =
      change.password === null ? null : sealValue(change.password, context(organisationId), keyringOf(db));
  const before = existing ? mailboxOf(existing) : null;
  const sameMailbox =
    (before && m ? MAILBOX_FIELDS.every((f) => before[f] === m[f]) : before === m) &&
    password === (existing?.imap_password ?? null);
  const values = {
    sender_name: change.senderName,
    sender_address: change.senderAddress,
    reply_to: change.replyTo,
    imap_host: m?.host ?? null,
    imap_port: m?.port ?? null,
    imap_tls: m ? (m.tls ? 1 : 0) : null,
    imap_user: m?.user ?? null,
    imap_password: password,
    imap_folder: m?.folder ?? null,
    imap_processed_folder: m?.processedFolder ?? null,
    imap_quarantine_folder: m?.quarantineFolder ?? null,
    // a changed mailbox starts afresh: its next failure is told again
    mailbox_failure: sameMailbox ? (existing?.mailbox_failure ?? null) : null,
    mailbox_failing_since: sameMailbox ? (existing?.mailbox_failing_since ?? null) : null,
    updated_at: at,
  };
  if (existing) {
    await db.updateTable("mail_settings").set(values).where("organisation_id", "=", organisationId).execute();
  } else {
    await db
      .insertInto("mail_settings")
      .values({ organisation_id: organisationId, ...values })
      .execute();
  }
}

/** The mailbox with its password in clear, for connecting; null without a mailbox of its own. */
export async function mailboxCredentials(
  db: Db,
  organisationId: string,
): Promise<(StoredMailbox & { password: string }) | null> {
  const r = await row(db, organisationId);
  const mailbox = r ? mailboxOf(r) : null;
  if (!r || !mailbox) return null;
  const password = r.imap_password ? openValue(r.imap_password, context(organisationId), keyringOf(db)) : "";
  return { ...mailbox, password };
}

/** Organisations whose admins set a mailbox of their own, in a stable order. */
export async function organisationsWithOwnMailbox(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("mail_settings")
    .select("organisation_id")
    .where("imap_host", "is not", null)
    .where("imap_user", "is not", null)
    .orderBy("organisation_id")
    .execute();
  return rows.map((r) => r.organisation_id);
}

/**
 * Records how the organisation's mailbox read went: a reason code when it failed, null when it
 * worked. Answers the failure stored before, so the caller tells people only when it starts.
 */
export async function recordMailboxState(
  db: Db,
  organisationId: string,
  failure: string | null,
  at: string,
): Promise<{ before: string | null }> {
  const existing = await row(db, organisationId);
  const before = existing?.mailbox_failure ?? null;
  if (!existing) {
    if (failure === null) return { before };
    await db
      .insertInto("mail_settings")
      .values({
        organisation_id: organisationId,
        sender_name: null,
        sender_address: null,
        reply_to: null,
        imap_host: null,
        imap_port: null,
        imap_tls: null,
        imap_user: null,
        imap_password: null,
        imap_folder: null,
        imap_processed_folder: null,
        imap_quarantine_folder: null,
        mailbox_failure: failure,
        mailbox_failing_since: at,
        updated_at: at,
      })
      .execute();
    return { before };
  }
  if (before === failure) return { before };
  await db
    .updateTable("mail_settings")
    .set({
      mailbox_failure: failure,
      mailbox_failing_since: failure === null ? null : before === null ? at : existing.mailbox_failing_since,
    })
    .where("organisation_id", "=", organisationId)
    .execute();
  return { before };
}

export interface MailSettingsChangeRecord {
  at: string;
  personId: string | null;
  fields: string[];
}

export async function recordMailSettingsChange(
  db: Db,
  id: string,
  organisationId: string,
  change: MailSettingsChangeRecord,
): Promise<void> {
  await db
    .insertInto("mail_settings_changes")
    .values({
      id,
      organisation_id: organisationId,
      person_id: change.personId,
      fields: JSON.stringify(change.fields),
      changed_at: change.at,
    })
    .execute();
}

/** The newest changes first, with the name of who made each. */
export async function mailSettingsChanges(
  db: Db,
  organisationId: string,
  limit = 10,
): Promise<(MailSettingsChangeRecord & { personName: string | null })[]> {
  const rows = await db
    .selectFrom("mail_settings_changes as c")
    .leftJoin("people as p", "p.id", "c.person_id")
    .select(["c.id", "c.changed_at", "c.person_id", "c.fields", "p.name"])
    .where("c.organisation_id", "=", organisationId)
    .orderBy("c.changed_at", "desc")
    .orderBy("c.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: r.changed_at,
    personId: r.person_id,
    personName: r.name ?? null,
    fields: JSON.parse(r.fields) as string[],
  }));
}

/** `klara keys rotate`: every mailbox password sealed with an older key, sealed with the current one. */
export async function rotateMailboxPasswords(db: Db): Promise<number> {
  const keyring = keyringOf(db);
  const rows = await db
    .selectFrom("mail_settings")
    .select(["organisation_id", "imap_password"])
    .where("imap_password", "is not", null)
    .execute();
  let changed = 0;
  for (const r of rows) {
    if (!r.imap_password || sealedKeyId(r.imap_password) === keyring.currentId) continue;
    const ctx = context(r.organisation_id);
    await db
      .updateTable("mail_settings")
      .set({ imap_password: sealValue(openValue(r.imap_password, ctx, keyring), ctx, keyring) })
      .where("organisation_id", "=", r.organisation_id)
      .execute();
    changed++;
  }
  return changed;
}
