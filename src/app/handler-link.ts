/**
 * What a handler without an account does through their personal link (SPEC §1, seed 000; decision
 * 0017): read the one case the link is for (never the national id) and send their reply or notes,
 * journalised as incoming documents with the files stored under the entry, and the people running
 * the case told. Every read and write resolves the link first: expired, replaced or ended is "gone".
 */
import { journalOf } from "../db/case.repository.js";
import { documentContent, documentsOf } from "../db/document.repository.js";
import { loadDirectory } from "../db/organisation.repository.js";
import { handlerLinksOf, type LinkPurpose } from "../db/personal-link.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { documentJournalLine } from "../domain/documents.js";
import { invalidInput, notFound } from "../domain/errors.js";
import { receiveFromExternalHandler } from "../domain/personal-links.js";
import { findCoordinator } from "../domain/routing.js";
import type { CaseStatus, DeadlineKind } from "../domain/vocabulary.js";
import { storeChangedCase } from "./case-store.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import { type LinkRefusal, openPersonalLink } from "./handler-link-tokens.js";
import { checkDocuments, storeDocuments, type UploadedFile } from "./incoming-documents.js";

const PURPOSE: LinkPurpose = "handler";

export interface HandlerCaseView {
  handlerName: string;
  expiresAt: string;
  organisationName: string;
  locale: string;
  timeZone: string;
  reference: string;
  status: CaseStatus;
  receivedAt: string;
  subject: string;
  description: string;
  /** the complainant's name and how to reach them (the handler contacts them); never the national id */
  complainant: { anonymous: boolean; name: string | null; email: string | null; phone: string | null };
  deadlines: { kind: DeadlineKind; dueDate: string; metAt: string | null }[];
  documents: {
    id: string;
    filename: string;
    mediaType: string;
    size: number;
    from: "complainant" | "handler";
  }[];
}

export type HandlerLinkResult =
  | { gone: false; view: HandlerCaseView }
  | { gone: true; reason: LinkRefusal; locale: string };

const HANDLER_ENTRY = "Reply or notes from the external handler";

/** The documents the link shows: those that came in from outside (the complainant, the handler). */
async function visibleDocuments(tx: Tx, c: ComplaintCase) {
  const entries = await journalOf(tx, c.id);
  const from = new Map(
    entries
      .filter((e) => e.kind === "document_in" && e.actorId === null)
      .map((e) => [e.seq, e.title === HANDLER_ENTRY ? ("handler" as const) : ("complainant" as const)]),
  );
  return (await documentsOf(tx, c.id))
    .filter((d) => from.has(d.journalSeq))
    .map((d) => ({
      id: d.id,
      filename: d.filename,
      mediaType: d.mediaType,
      size: d.size,
      from: from.get(d.journalSeq) ?? ("complainant" as const),
    }));
}

async function localeOf(
  tx: Tx,
  c: ComplaintCase,
): Promise<{ locale: string; name: string; timeZone: string }> {
  const directory = await loadDirectory(tx, c.organisationId);
  if (!directory) throw notFound("The link");
  const o = directory.organisation;
  return { locale: o.locale, name: o.name, timeZone: o.timeZone };
}

export function openHandlerLink(deps: AppDeps, token: string): Promise<HandlerLinkResult> {
  return inTransaction(deps, async (tx) => {
    const opened = await openPersonalLink(tx, token, PURPOSE, nowIso(deps));
    const c = opened.case;
    const org = await localeOf(tx, c);
    if (!opened.open) return { gone: true, reason: opened.reason, locale: org.locale };
    return {
      gone: false,
      view: {
        handlerName: opened.link.name ?? "",
        expiresAt: opened.link.expiresAt,
        organisationName: org.name,
        locale: org.locale,
        timeZone: org.timeZone,
        reference: c.reference,
        status: c.status,
        receivedAt: c.receivedAt,
        subject: c.subject,
        description: c.description,
        complainant: {
          anonymous: c.complainant.anonymous,
          name: c.complainant.name,
          email: c.complainant.email,
          phone: c.complainant.phone,
        },
        deadlines: c.deadlines
          .filter((d) => d.kind !== "complaintWindow")
          .map((d) => ({ kind: d.kind, dueDate: d.dueDate, metAt: d.metAt })),
        documents: await visibleDocuments(tx, c),
      },
    };
  });
}

/** One of the documents the link shows; any other id (another case's too) is not found. */
export function handlerLinkDocument(deps: AppDeps, token: string, documentId: string) {
  return inTransaction(deps, async (tx) => {
    const opened = await openPersonalLink(tx, token, PURPOSE, nowIso(deps));
    if (!opened.open) return { gone: true as const, reason: opened.reason };
    const shown = await visibleDocuments(tx, opened.case);
    const doc = shown.some((d) => d.id === documentId)
      ? await documentContent(tx, opened.case.id, documentId)
      : null;
    if (!doc) throw notFound("The document");
    return { gone: false as const, document: doc };
  });
}

/**
 * The handler's reply or notes (text and/or files, the citizen upload's checks): one journal
 * entry, the files under it, and a notification to the case's handlers and coordinator (else the
 * unit's coordinator). Gone links write nothing.
 */
export async function uploadThroughHandlerLink(
  deps: AppDeps,
  token: string,
  input: { text: string; files: readonly UploadedFile[] },
): Promise<{ gone: false; journalSeq: number } | { gone: true; reason: LinkRefusal }> {
  const text = input.text.trim();
  if (text.length > 20_000) throw invalidInput([{ path: "text", message: "At most 20,000 characters." }]);
  const documents = await checkDocuments(input.files, "files");
  if (!text && documents.length === 0) {
    throw invalidInput([{ path: "text", message: "Write something or attach a file." }]);
  }
  return inTransaction(deps, async (tx) => {
    const now = nowIso(deps);
    const opened = await openPersonalLink(tx, token, PURPOSE, now);
    if (!opened.open) return { gone: true as const, reason: opened.reason };
    const before = opened.case;
    const directory = await loadDirectory(tx, before.organisationId);
    if (!directory) throw notFound("The link");
    const name = opened.link.name ?? "external handler";
    const { case: after, effects } = receiveFromExternalHandler(
      before,
      {
        name,
        lines: [text, ...documents.map(documentJournalLine)].filter(Boolean),
        fallbackCoordinatorId: findCoordinator(before.unitId, directory)?.id ?? null,
      },
      now,
    );
    const author = { id: null, name: `${name} (external handler, personal link)` };
    const [entry] = await storeChangedCase(
      deps,
      tx,
      directory.organisation,
      before,
      after,
      effects,
      author,
      now,
    );
    if (!entry) throw new Error("the journal entry was not written");
    if (documents.length) await storeDocuments(deps, tx, before.id, entry.seq, documents, now);
    return { gone: false as const, journalSeq: entry.seq };
  });
}

export interface ExternalHandler {
  name: string;
  email: string | null;
  sentAt: string;
  expiresAt: string;
  /** active, or why the link no longer works */
  state: "active" | LinkRefusal;
}

/** The handlers without an account the case was given to, newest first (the case's detail shows them). */
export async function externalHandlersOf(tx: Tx, c: ComplaintCase, now: string): Promise<ExternalHandler[]> {
  const ended = ["closed", "withdrawn", "not_a_complaint"].includes(c.status);
  return (await handlerLinksOf(tx, c.id)).map((l) => ({
    name: l.name ?? "",
    email: l.email,
    sentAt: l.createdAt,
    expiresAt: l.expiresAt,
    state: l.revokedAt
      ? "revoked"
      : Date.parse(l.expiresAt) <= Date.parse(now)
        ? "expired"
        : ended
          ? "ended"
          : "active",
  }));
}
