/**
 * Table types for Kysely. Instants are ISO 8601 UTC text, calendar dates YYYY-MM-DD text, booleans
 * 0/1 integers and structured values JSON text on both databases, so that no value depends on a
 * database's time zone or type system. Rows never leave src/db: repositories map them.
 */
import type { Generated } from "kysely";

export interface OrganisationsTable {
  id: string;
  name: string;
  country: string;
  time_zone: string;
  closing_days: string;
  locale: string;
  created_at: string;
  /** the accessibility statement published elsewhere, or its text (neither: a default) */
  accessibility_statement_url: string | null;
  accessibility_statement: string | null;
}

export interface UnitsTable {
  id: string;
  organisation_id: string;
  code: string;
  name: string;
  parent_id: string | null;
  manager_id: string | null;
  routing: string;
  /** 1, or 0 once deactivated */
  active: number;
}

export interface PeopleTable {
  id: string;
  organisation_id: string;
  unit_id: string;
  email: string;
  name: string;
  roles: string;
  active: number;
  password_hash: string | null;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  person_id: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface ProceduresTable {
  id: string;
  organisation_id: string;
  name: string;
  current_version: number;
}

export interface ProcedureVersionsTable {
  procedure_id: string;
  version: number;
  definition: string;
  created_at: string;
}

export interface ReferenceCountersTable {
  organisation_id: string;
  year: number;
  last_number: number;
}

export interface CasesTable {
  id: string;
  organisation_id: string;
  reference: string;
  procedure_id: string;
  procedure_version: number;
  status: string;
  type: string;
  category: string | null;
  channel: string;
  source: string;
  confidentiality: string;
  unit_id: string | null;
  person_complained_about_id: string | null;
  subject: string;
  description: string;
  received_at: string;
  received_date: string;
  outcome: string | null;
  /** the earliest open deadline, kept with every write so that "what is due" is one index range */
  next_due_date: string | null;
  next_due_kind: string | null;
  /** everything else of the case (complainant, draft, reassessment …) as JSON */
  data: string;
  tracking_token_hash: string;
  /** the tracking token sealed with the installation's key (for the link in letters); null before T34 */
  tracking_token_sealed: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** the legal validation: null (not requested), pending, lawful, issues (seed 001-13) */
  legal_review: string | null;
}

export interface CaseHandlersTable {
  case_id: string;
  person_id: string;
  part: string;
  position: number;
}

export interface DeadlinesTable {
  case_id: string;
  kind: string;
  due_date: string;
  original_due_date: string;
  explanation: string;
  /** how the due date was computed, JSON (null: planned before it was kept) */
  reckoning: string | null;
  met_at: string | null;
  missed_at: string | null;
  reminded_at: string | null;
  extensions: string;
}

export interface JournalEntriesTable {
  case_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor: string;
  kind: string;
  title: string;
  body: string;
  /** the title's code and parameters, JSON (null: written before they were kept) */
  event: string | null;
  hash: string;
  prev_hash: string;
}

export interface CaseLinksTable {
  case_id: string;
  linked_case_id: string;
  lead_case_id: string | null;
  created_at: string;
}

export interface DeviationsTable {
  id: string;
  case_id: string;
  deadline_kind: string;
  due_date: string;
  recorded_at: string;
}

export interface NotificationsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  case_id: string | null;
  kind: string;
  message: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationSettingsTable {
  person_id: string;
  /** 1: told by e-mail too (the default), 0: in Klara only */
  email: number;
  /** 1: the daily digest of my due cases by e-mail (the default), 0: none */
  digest: Generated<number>;
  updated_at: string;
}

/** The daily digest's run per person and local date: its key keeps one day's digest single. */
export interface DigestRunsTable {
  person_id: string;
  day: string;
  /** sent | empty */
  outcome: string;
  created_at: string;
}

/** What the Digital Post mock (KLARA_DIGITAL_POST=mock) was given, per letter. */
export interface DigitalPostMockTable {
  outbox_id: string;
  organisation_id: string;
  case_id: string;
  recipient: string;
  subject: string;
  filename: string;
  sha256: string;
  content: Uint8Array;
  sent_at: string;
}

export interface OutboxTable {
  id: string;
  organisation_id: string;
  case_id: string | null;
  kind: string;
  payload: string;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  /** queued | for_print | sent | captured | failed | unrendered (queued before letters were rendered) */
  state: string | null;
  channel: string | null;
  recipient_name: string | null;
  recipient_address: string | null;
  subject: string | null;
  body: string | null;
  language: string | null;
  next_attempt_at: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  last_error: string | null;
}

/** A personal, expiring, single-case link: only the token's hash (decision 0017). */
export interface PersonalLinksTable {
  id: string;
  case_id: string;
  /** handler | confirm */
  purpose: string;
  token_hash: string;
  name: string | null;
  email: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  used_at: string | null;
}

export interface IdempotencyKeysTable {
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

export interface SearchDocumentsTable {
  case_id: string;
  body: string;
}

export interface SessionsTable {
  token_hash: string;
  person_id: string;
  created_at: string;
  expires_at: string;
}

export interface DocumentsTable {
  id: string;
  case_id: string;
  journal_seq: number;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  created_at: string;
}

/** Each message read from the complaint mailbox, by its key: what became of it (never two cases). */
export interface InboundMessagesTable {
  organisation_id: string;
  message_key: string;
  outcome: string;
  case_id: string | null;
  reason: string | null;
  received_at: string;
  created_at: string;
}

/** Which procedure takes the complaint mailbox's new complaints (none: the first procedure). */
export interface MailboxSettingsTable {
  organisation_id: string;
  procedure_id: string | null;
}

/** The appeals board's target band in whole percent: the organisation's (procedure_id '') or a procedure's. */
export interface AppealsTargetsTable {
  organisation_id: string;
  procedure_id: string;
  low_percent: number;
  high_percent: number;
  updated_at: string;
}

/** An organisation's sender and complaint mailbox (admin pages); the IMAP password sealed. */
export interface MailSettingsTable {
  organisation_id: string;
  sender_name: string | null;
  sender_address: string | null;
  reply_to: string | null;
  imap_host: string | null;
  imap_port: number | null;
  imap_tls: number | null;
  imap_user: string | null;
  imap_password: string | null;
  imap_folder: string | null;
  imap_processed_folder: string | null;
  imap_quarantine_folder: string | null;
  mailbox_failure: string | null;
  mailbox_failing_since: string | null;
  updated_at: string;
}

/** Who changed which mail settings when: field names only, never values. */
export interface MailSettingsChangesTable {
  id: string;
  organisation_id: string;
  person_id: string | null;
  /** JSON array of field names */
  fields: string;
  changed_at: string;
}

/** Facts about the database itself (key `demo`: the demo made it). */
export interface InstallationTable {
  key: string;
  value: string;
}

export interface Database {
  installation: InstallationTable;
  organisations: OrganisationsTable;
  units: UnitsTable;
  people: PeopleTable;
  api_tokens: ApiTokensTable;
  procedures: ProceduresTable;
  procedure_versions: ProcedureVersionsTable;
  reference_counters: ReferenceCountersTable;
  cases: CasesTable;
  case_handlers: CaseHandlersTable;
  deadlines: DeadlinesTable;
  journal_entries: JournalEntriesTable;
  case_links: CaseLinksTable;
  deviations: DeviationsTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  digest_runs: DigestRunsTable;
  digital_post_mock: DigitalPostMockTable;
  outbox: OutboxTable;
  personal_links: PersonalLinksTable;
  idempotency_keys: IdempotencyKeysTable;
  search_documents: SearchDocumentsTable;
  sessions: SessionsTable;
  documents: DocumentsTable;
  inbound_messages: InboundMessagesTable;
  mailbox_settings: MailboxSettingsTable;
  mail_settings: MailSettingsTable;
  mail_settings_changes: MailSettingsChangesTable;
  appeals_targets: AppealsTargetsTable;
}

export type { Generated };
