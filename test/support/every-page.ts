/**
 * Every kind of page of the demo, as outside checkers visit them (the Nu Html Checker, axe): the
 * public pages in each language, each procedure's form, a tracking page, the error pages, and the
 * staff and admin pages of a few demo people, each page with the person who may see it.
 */
import { listPublicProcedures } from "../../src/app/public-procedures.js";
import { registerCase } from "../../src/app/register-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { RegisterCaseBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findPersonByEmail } from "../../src/db/organisation.repository.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import type { DemoWeb } from "./demo-web.js";
import { type PageShape, pageShape } from "./page-shape.js";

interface Markup {
  kind: string;
  lang: string;
  shape: PageShape;
}

const markup = (kind: string, html: string): Markup => ({
  kind,
  lang: /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? "",
  shape: pageShape(html),
});

export interface PageVisit {
  /** a file-name-safe name for reports */
  name: string;
  url: string;
  /** the demo person signed in, or none for the public */
  as?: string;
  status?: number;
  /** a staff page or a procedure's form: its kind ("work", "case", "form" …), its language and its
   * shape (page-shape.ts), for axeVisits */
  markup?: Markup;
}

export const LANGS = ["da", "nb", "en"] as const;

/** Demo people whose pages differ: coordinator, handler, approver, analyst, admin; Danish and Norwegian. */
export const STAFF = [
  "koordinator@kommune.example",
  "behandler@kommune.example",
  "skolechef@kommune.example",
  "analytiker@kommune.example",
  "admin@kommune.example",
  "koordinator@asvo.example",
  "admin@asvo.example",
];

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");

/** A handler link (and a replaced one) on the case, and a confirmation link on a new inquiry. */
async function personalLinks(demo: DemoWeb, caseId: string) {
  const db = demo.deps.db.kysely;
  const actor = async (email: string) => {
    const p = await findPersonByEmail(db, email);
    if (!p) throw new Error(`no demo person ${email}`);
    return { personId: p.id, organisationId: p.organisationId, name: p.name, roles: [...p.roles] };
  };
  const tokenIn = async (id: string, path: string) => {
    const bodies = (await outboxFor(db, id)).map((l) => l.body ?? "").join("\n");
    return [...bodies.matchAll(new RegExp(`${path}([A-Za-z0-9_-]+)`, "g"))].map((m) => m[1] ?? "");
  };
  const receiver = await actor("modtager@kommune.example");
  const link = { handlerName: "Lise Skovgaard", handlerEmail: "lise.skovgaard@skole-a.example" };
  await runCaseCommand(demo.deps, receiver, caseId, "send-handler-link", link);
  const [replaced = ""] = await tokenIn(caseId, "/handler/");
  await runCaseCommand(demo.deps, receiver, caseId, "send-handler-link", link);
  const handler = (await tokenIn(caseId, "/handler/")).find((t) => t !== replaced) ?? "";
  const inquiry = await registerCase(
    demo.deps,
    await actor("skoleleder.a@kommune.example"),
    RegisterCaseBody.parse({
      procedure: "dk-central-unit",
      unit: "SKOLE-A",
      category: "school",
      needsConfirmation: true,
      complainant: { name: "Jonas Krogh", email: "jonas.krogh@example.org" },
      subject: "En henvendelse ved et møde",
      description: "Forælderen var utilfreds med skolens svar.",
    }),
  );
  const [confirm = ""] = await tokenIn(inquiry.case.id, "/complaints/confirm/");
  return { handler, replaced, confirm };
}

export async function everyPage(demo: DemoWeb): Promise<PageVisit[]> {
  const visits: PageVisit[] = [];
  const organisations = await listPublicProcedures(demo.deps);
  const procedures = organisations.flatMap((o) => o.procedures.map((p) => p.id));
  const { receipt } = await submitComplaint(demo.deps, {
    procedure: "dk-school",
    unit: "SKOLE-A",
    subject: "Siderne som tjekkerne ser dem",
    description: "En klage, så sporingssiden har noget at vise.",
    complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
  });
  const links = await personalLinks(demo, receipt.id);
  for (const lang of LANGS) {
    visits.push({ name: `start-${lang}`, url: `/?lang=${lang}` });
    // the personal links' pages (decision 0017): the handler's, the confirmation, a gone link
    visits.push({ name: `handler-link-${lang}`, url: `/handler/${links.handler}?lang=${lang}` });
    visits.push({ name: `confirm-${lang}`, url: `/complaints/confirm/${links.confirm}?lang=${lang}` });
    visits.push({ name: `link-gone-${lang}`, url: `/handler/${links.replaced}?lang=${lang}`, status: 410 });
    for (const id of procedures) {
      const url = `/complaints/new/${id}?lang=${lang}`;
      const html = (await demo.app.inject({ url })).body;
      visits.push({ name: `form-${id}-${lang}`, url, markup: markup("form", html) });
    }
    visits.push({
      name: `receipt-${lang}`,
      url: `/complaints/status/${receipt.trackingToken}?submitted=1&lang=${lang}`,
    });
    visits.push({ name: `sign-in-${lang}`, url: `/sign-in?lang=${lang}` });
    visits.push({ name: `accessibility-${lang}`, url: `/accessibility?lang=${lang}` });
    visits.push({ name: `not-found-${lang}`, url: `/nowhere?lang=${lang}`, status: 404 });
  }
  for (const o of organisations) {
    visits.push({ name: `accessibility-${slug(o.id)}`, url: `/accessibility/${o.id}` });
  }
  for (const email of STAFF) {
    const who = slug(email.split("@")[0] ?? email) + (email.endsWith("asvo.example") ? "-asvo" : "");
    const client = await demo.signedIn(email);
    const norwegian = email.endsWith("asvo.example");
    const own = organisations.find((o) => (o.locale === "nb") === norwegian);
    const cases = await client.get("/cases");
    const first = /href="\/cases\/([A-Za-z0-9_-]{8,})"/.exec(cases.body)?.[1];
    const candidates: [string, string][] = [
      ["work", "/work"],
      ["notifications", "/notifications"],
      ["cases", "/cases"],
      ["case", first ? `/cases/${first}` : ""],
      ["register", "/cases/new"],
      // the registration form with every part: decision, representative, type, staff-only sources
      [
        "register-form",
        norwegian ? "/cases/new?procedure=no-workplace" : "/cases/new?procedure=dk-employment",
      ],
      ["statistics", "/statistics"],
      [
        "dashboard",
        "/statistics/dashboard?from=2025-01-01&to=2026-03-02&baselineFrom=2024-01-01&baselineTo=2025-03-02",
      ],
      ["cases-drill", "/cases?receivedFrom=2025-01-01&receivedTo=2026-03-02&open=true&answered=false"],
      ["admin-people", "/admin/people"],
      ["admin-units", "/admin/units"],
      ["admin-procedures", "/admin/procedures"],
      ["admin-procedure", own?.procedures[0] ? `/admin/procedures/${own.procedures[0].id}` : ""],
      ["admin-accessibility", "/admin/accessibility"],
      ["admin-closing-days", "/admin/closing-days"],
      ["admin-mail", "/admin/mail"],
      ["admin-mail-settings", "/admin/mail-settings"],
    ];
    // only the pages this person may see (the others redirect or refuse)
    for (const [name, url] of candidates) {
      const res = url ? await client.get(url) : undefined;
      if (res?.statusCode !== 200) continue;
      visits.push({ name: `${name}-${who}`, url, as: email, markup: markup(name, res.body) });
    }
  }
  return visits;
}

/**
 * The visits axe needs (the staff axe suite checks ~65 pages of 7 people, most of the suite's
 * time): a public page always, but a staff page or a procedure's form only when it shows axe
 * something not yet checked in that page's language — the first visit (people in STAFF order)
 * with the page's skeleton, and then one whose rows or list items are of a kind not yet checked
 * with that skeleton (page-shape.ts). So /register for three Danish people is checked once, the
 * forms of procedures with the same fields once per language, and /cases once per set of row
 * kinds, while /work, the case page and the dashboard, whose markup depends on the role, are
 * checked for each role that changes them. Every kind of page is still checked in every language
 * it is shown in. The Nu Html Checker still sees every visit.
 */
export function axeVisits(visits: PageVisit[]): PageVisit[] {
  const seen = new Map<string, Set<string>>();
  const kept = visits.filter((v) => {
    if (!v.markup) return true;
    const { kind, lang, shape } = v.markup;
    const key = `${kind} ${lang} ${shape.skeleton}`;
    const parts = seen.get(key);
    if (parts && [...shape.parts].every((p) => parts.has(p))) return false;
    seen.set(key, new Set([...(parts ?? []), ...shape.parts]));
    return true;
  });
  const kinds = (vs: PageVisit[]) => [
    ...new Set(vs.flatMap((v) => (v.markup ? [`${v.markup.kind} ${v.markup.lang}`] : []))),
  ];
  const missing = kinds(visits).filter((k) => !kinds(kept).includes(k));
  if (missing.length) throw new Error(`axe would not check ${missing.join(", ")}`);
  return kept;
}
