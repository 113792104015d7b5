/**
 * Making and opening personal links (decision 0017). A link is made when the letter that carries
 * it is rendered, in the transaction of the change that sends it: a new link of the same purpose
 * replaces the case's earlier ones. Only the token's SHA-256 is stored; the journal keeps the
 * letter's text with the token cut out.
 */
import { findCase } from "../db/case.repository.js";
import {
  findPersonalLink,
  insertPersonalLink,
  type LinkPurpose,
  type PersonalLink,
  revokePersonalLinks,
} from "../db/personal-link.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import type { LetterDraft } from "../domain/case-effects.js";
import { notFound } from "../domain/errors.js";
import type { CaseStatus } from "../domain/vocabulary.js";
import { type AppDeps, publicLink, type Tx } from "./context.js";
import { hashSecret, newSecret } from "./secrets.js";

export const LINK_PATHS: Record<LinkPurpose, string> = {
  handler: "/handler/",
  confirm: "/complaints/confirm/",
};
const PREFIX: Record<LinkPurpose, string> = { handler: "klh", confirm: "klc" };

/**
 * The text without the tokens of personal links and of the citizen's tracking link (decision 0025)
 * (for the journal: the token is a key to the case). The links are absolute
 * (`https://…/handler/klh_…`); the path part is what is matched, so the base is kept.
 */
export function withoutLinkTokens(text: string): string {
  return text.replace(/(\/handler\/|\/complaints\/confirm\/|\/complaints\/status\/)[A-Za-z0-9_-]+/g, "$1…");
}

/**
 * Each draft that carries a link gets a new one: the earlier links of its purpose on the case stop
 * working, the new token's hash is stored, and the draft's merge field holds the absolute link.
 */
export async function withPersonalLinks(
  deps: AppDeps,
  tx: Tx,
  c: Pick<ComplaintCase, "id">,
  drafts: readonly LetterDraft[],
  at: string,
): Promise<LetterDraft[]> {
  const out: LetterDraft[] = [];
  for (const draft of drafts) {
    if (!draft.link) {
      out.push(draft);
      continue;
    }
    const { purpose, expiresAt } = draft.link;
    await revokePersonalLinks(tx, c.id, purpose, at);
    const token = newSecret(PREFIX[purpose]);
    await insertPersonalLink(
      tx,
      {
        id: deps.newId(),
        caseId: c.id,
        purpose,
        name: draft.link.name ?? null,
        email: draft.link.email ?? null,
        createdAt: at,
        expiresAt,
        revokedAt: null,
        usedAt: null,
      },
      hashSecret(token),
    );
    const link = publicLink(deps, `${LINK_PATHS[purpose]}${token}`);
    const field = purpose === "handler" ? "caseLink" : "confirmLink";
    out.push({ ...draft, fields: { ...draft.fields, [field]: link } });
  }
  return out;
}

/** A case that has ended takes no more work through a link. */
const ENDED: readonly CaseStatus[] = ["closed", "withdrawn", "not_a_complaint"];

export type LinkRefusal = "expired" | "revoked" | "ended" | "used";

export type OpenedLink =
  | { open: true; link: PersonalLink; case: ComplaintCase }
  | { open: false; reason: LinkRefusal; link: PersonalLink; case: ComplaintCase };

/**
 * The link and its case, or why it no longer works. An unknown token (or one of the other
 * purpose) is "not found": it tells nothing about whether such a case exists.
 */
export async function openPersonalLink(
  tx: Tx,
  token: string,
  purpose: LinkPurpose,
  now: string,
): Promise<OpenedLink> {
  const link = token.length <= 200 ? await findPersonalLink(tx, hashSecret(token), purpose) : null;
  const c = link ? await findCase(tx, link.caseId) : null;
  if (!link || !c) throw notFound("The link");
  const reason: LinkRefusal | null = link.revokedAt
    ? "revoked"
    : link.usedAt
      ? "used"
      : Date.parse(link.expiresAt) <= Date.parse(now)
        ? "expired"
        : ENDED.includes(c.status)
          ? "ended"
          : null;
  return reason ? { open: false, reason, link, case: c } : { open: true, link, case: c };
}
