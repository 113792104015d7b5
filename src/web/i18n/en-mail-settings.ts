/** English: the admin page of the organisation's sender and complaint mailbox (see `da-mail-settings.ts`). */
import type { MailSettingsMessages } from "./da-mail-settings.js";

export const enMailSettings: MailSettingsMessages = {
  "mailSettings.title": "Mail settings",
  "mailSettings.intro":
    "Here you set the sender the organisation's letters go out from, and the mailbox Klara reads complaints from. Without a sender, letters go out from the installation's address (KLARA_MAIL_FROM).",
  "mailSettings.sender": "Sender",
  "mailSettings.senderName": "Sender's name",
  "mailSettings.senderName.hint": "E.g. Aaby Municipality, Complaints Unit. Blank: the organisation's name.",
  "mailSettings.senderAddress": "Sender address",
  "mailSettings.senderAddress.hint":
    "The address letters go out from, e.g. complaints@aaby.example. The mail server must allow it.",
  "mailSettings.replyTo": "Reply address (Reply-To)",
  "mailSettings.replyTo.hint":
    "When replies are to go to another address than the sender's. Blank: the sender address.",
  "mailSettings.mailbox": "Complaint mailbox (IMAP)",
  "mailSettings.mailbox.hint":
    "New e-mails in the mailbox become cases. Leave the host name blank when the organisation has no mailbox of its own.",
  "mailSettings.host": "Mail server's host name",
  "mailSettings.host.hint": "E.g. imap.aaby.example",
  "mailSettings.port": "Port",
  "mailSettings.port.hint": "Blank: 993 with TLS, else 143.",
  "mailSettings.tls": "Encrypted connection (TLS)",
  "mailSettings.user": "User name",
  "mailSettings.password": "Password",
  "mailSettings.password.set": "A password is stored. Leave the field blank to keep it.",
  "mailSettings.password.unset": "No password is stored.",
  "mailSettings.folder": "Folder that is read",
  "mailSettings.folder.hint": "Blank: INBOX. Write subfolders with /, e.g. INBOX/Complaints.",
  "mailSettings.processedFolder": "Folder for processed e-mails",
  "mailSettings.quarantineFolder": "Folder for quarantined e-mails",
  "mailSettings.save": "Save",
  "mailSettings.test": "Test the connection",
  "mailSettings.test.hint":
    "The test uses the values in the form without saving them. The stored password is used only for the same server, port and user.",
  "mailSettings.saved": "The mail settings are saved.",
  "mailSettings.unchanged": "Nothing was changed.",
  "mailSettings.failing": "The complaint mailbox could not be read since {since}: {reason}",
  "mailSettings.history": "Changes",
  "mailSettings.history.when": "When",
  "mailSettings.history.who": "Changed by",
  "mailSettings.history.fields": "Fields",
  "mailSettings.history.none": "The settings have not been changed yet.",
  "mailSettings.history.unknown": "(unknown)",
  "mailSettings.outcome.connected":
    "The connection works: Klara signed in and found the folder {folder} with {count} e-mails.",
  "mailSettings.outcome.auth_failed": "The server refused the user name or the password.",
  "mailSettings.outcome.host_not_found": "The server {host} does not exist. Check the host name.",
  "mailSettings.outcome.connect_failed":
    "Klara could not connect to {host} on port {port}. Check the port, and whether the server accepts connections from Klara.",
  "mailSettings.outcome.tls_failed":
    "The encrypted connection (TLS) failed. Check the port and TLS: port 993 uses TLS, port 143 usually not.",
  "mailSettings.outcome.timeout": "The server did not answer in time.",
  "mailSettings.outcome.folder_missing": "Klara signed in, but the folder {folder} does not exist.",
  "mailSettings.outcome.failed":
    "The connection failed for a reason Klara does not know. Check the settings, or ask the mail server's administrator.",
  "mailSettings.outcome.invalid_url": "KLARA_IMAP_URL is not a valid address.",
  "mailSettings.outcome.no_organisation": "It is unclear which organisation KLARA_IMAP_URL belongs to.",
  "mailSettings.error.senderName": "Write the name without quotation marks, < or >.",
  "mailSettings.error.senderAddress.required": "Write the sender address too when you give a sender name.",
  "mailSettings.error.address": "Write an e-mail address, e.g. complaints@aaby.example.",
  "mailSettings.error.host": "Write the mail server's host name, e.g. imap.aaby.example.",
  "mailSettings.error.port": "Write a port number from 1 to 65535 (usually 993).",
  "mailSettings.error.user": "Write the mailbox's user name.",
  "mailSettings.error.password": "Write the mailbox's password.",
  "mailSettings.error.folder":
    "Write the folder's name without *, % and quotation marks, with / between levels.",
  "mailSettings.error.sameFolder":
    "Choose another folder than the one that is read, and than the other folders.",
  "mailSettings.field.senderName": "sender's name",
  "mailSettings.field.senderAddress": "sender address",
  "mailSettings.field.replyTo": "reply address",
  "mailSettings.field.mailbox": "complaint mailbox",
  "mailSettings.field.mailbox.host": "host name",
  "mailSettings.field.mailbox.port": "port",
  "mailSettings.field.mailbox.tls": "TLS",
  "mailSettings.field.mailbox.user": "user name",
  "mailSettings.field.mailbox.password": "password",
  "mailSettings.field.mailbox.folder": "folder read",
  "mailSettings.field.mailbox.processedFolder": "folder for processed",
  "mailSettings.field.mailbox.quarantineFolder": "folder for quarantine",
};
