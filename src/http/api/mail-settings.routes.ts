/**
 * The organisation's mail settings for its admins (issue 8, API.md "Mail"): the sender its letters
 * go out from and its complaint mailbox. The mailbox password is write-only: the answers say only
 * whether one is set. Bad input is 400 naming the field; not an admin, 403.
 */
import { z } from "zod";
import type { AppDeps } from "../../app/context.js";
import { getMailSettings, setMailSettings, testMailboxConnection } from "../../app/mail-settings.js";
import { MAILBOX_FAILURES } from "../../app/mailbox-connection.js";
import { defineRoute, type RouteDefinition } from "../route-kit.js";

const Folder = z.string().max(200).describe('a folder path, levels separated by "/"');

const Mailbox = z
  .object({
    host: z.string(),
    port: z.number().int(),
    tls: z.boolean().describe("IMAP over TLS (imaps)"),
    user: z.string(),
    passwordSet: z.boolean().describe("a password is stored (it is never answered)"),
    folder: Folder.describe("the folder read (default INBOX)"),
    processedFolder: Folder.describe("where processed messages go (default Klara/Processed)"),
    quarantineFolder: Folder.describe("where quarantined messages go (default Klara/Quarantine)"),
  })
  .meta({ id: "MailboxSettings" });

const MailSettings = z
  .object({
    senderName: z.string().nullable().describe("the display name of From (default: the organisation's name)"),
    senderAddress: z
      .string()
      .nullable()
      .describe("the address letters go out from; null: KLARA_MAIL_FROM of the installation"),
    replyTo: z.string().nullable(),
    mailbox: Mailbox.nullable().describe("null: no mailbox of its own (KLARA_IMAP_URL may serve it)"),
    mailboxFailure: z
      .object({
        reason: z.string().describe(`${MAILBOX_FAILURES.join(", ")}, or invalid_url (KLARA_IMAP_URL)`),
        since: z.string(),
      })
      .nullable()
      .describe("the mailbox's reads fail since then, for this reason; null: it works"),
  })
  .meta({ id: "MailSettings" });

const MailboxChange = z
  .object({
    host: z.string().max(253),
    port: z.number().int().optional().describe("default 993 with TLS, else 143"),
    tls: z.boolean().optional().describe("default true"),
    user: z.string().max(200),
    password: z
      .string()
      .max(500)
      .nullable()
      .optional()
      .describe("write-only; left out (or empty): the stored one is kept"),
    folder: Folder.optional(),
    processedFolder: Folder.optional(),
    quarantineFolder: Folder.optional(),
  })
  .strict()
  .meta({ id: "MailboxSettingsChange" });

const MailSettingsChange = z
  .object({
    senderName: z.string().max(200).nullable().optional(),
    senderAddress: z.string().max(254).nullable().optional(),
    replyTo: z.string().max(254).nullable().optional(),
    mailbox: MailboxChange.nullable().optional().describe("null removes the mailbox and its password"),
  })
  .strict()
  .meta({ id: "MailSettingsChange" });

const MailboxTest = z
  .object({
    outcome: z
      .enum(["connected", ...MAILBOX_FAILURES] as [string, ...string[]])
      .describe("how far the test got: connected, or why not"),
    messages: z.number().int().optional().describe("messages waiting in the folder read"),
  })
  .meta({ id: "MailboxTest" });

export function mailSettingsRoutes(deps: AppDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/organisation/mail-settings",
      summary: "The organisation's sender and complaint mailbox (admin; the password is never answered)",
      tags: ["organisation"],
      auth: "staff",
      response: { 200: MailSettings },
      handler: async ({ actor }) => ({ body: await getMailSettings(deps, actor) }),
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/v1/organisation/mail-settings",
      summary: "Change the organisation's sender and complaint mailbox (admin)",
      description:
        "Fields left out keep their value; null clears one. The password is write-only. Bad input is 400 naming the field.",
      tags: ["organisation"],
      auth: "staff",
      body: MailSettingsChange,
      response: { 200: MailSettings },
      handler: async ({ actor, body }) => ({ body: (await setMailSettings(deps, actor, body)).settings }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/organisation/mail-settings/test",
      summary: "Try the complaint mailbox: the stored one, or the one in the body (admin)",
      description:
        "The stored password is used for the body's mailbox only when it names the same host, port, TLS and user.",
      tags: ["organisation"],
      auth: "staff",
      body: MailboxChange.nullish(),
      response: { 200: MailboxTest },
      handler: async ({ actor, body }) => ({
        body: await testMailboxConnection(deps, actor, body ?? undefined),
      }),
    }),
  ];
}
