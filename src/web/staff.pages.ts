/**
 * Staff pages: sign-in and sign-out, "my work" (my cases by nearest deadline and the unassigned
 * inbox), and the case search with filters and pages. They call the same use cases as the API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import type { Actor } from "../app/actor.js";
import type { AppDeps } from "../app/context.js";
import { getDirectory } from "../app/get-directory.js";
import { type CasePage, countListedCases, listCases } from "../app/list-cases.js";
import { listOrganisationProcedures } from "../app/organisation-procedures.js";
import { ListCasesQuery } from "../app/schemas.js";
import { SESSION_HOURS, signIn, signOut } from "../app/staff-session.js";
import { seesStatistics } from "../app/statistics.js";
import { isAdmin as isAdminRole, mayRegisterCases, readsCaseContents } from "../domain/case-policy.js";
import { KlaraError } from "../domain/errors.js";
import { CASE_STATUSES, CaseType } from "../domain/vocabulary.js";
import { categoryNames } from "./category-names.js";
import { byField, type FormError, fromFieldErrors } from "./form-errors.js";
import type { MessageKey } from "./i18n/messages.js";
import { workPanel } from "./notifications-panel.js";
import { intlLocale, type PageContext, pageContext } from "./page-context.js";
import type { Views } from "./render.js";
import { actorOf, requireSignIn, rotateCsrf, SESSION_COOKIE, safeNext } from "./staff-auth.js";

export interface StaffPageOptions {
  deps: AppDeps;
  views: Views;
  secureCookies: boolean;
}

export function renderPage(views: Views, reply: FastifyReply, view: string, data: object, status = 200) {
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(views.render(view, data));
}

/** The layout's context for a signed-in person. */
export function staffContext(request: FastifyRequest, reply: FastifyReply, section: string) {
  const me = actorOf(request);
  // Norwegian staff see Norwegian unless they or their browser ask for another language
  const ctx = pageContext(request, me.locale);
  const canRegister = mayRegisterCases(me);
  const isAdmin = isAdminRole(me);
  const readsCases = readsCaseContents(me);
  return {
    ...ctx,
    me,
    section,
    canRegister,
    isAdmin,
    readsCases,
    seesStatistics: seesStatistics(me),
    csrfToken: reply.generateCsrf(),
  };
}

/** Case summaries as table rows in the reader's language. */
export function caseRows(page: CasePage, ctx: PageContext) {
  const locale = intlLocale(ctx.lang);
  const day = (d: string) =>
    Temporal.PlainDate.from(d).toLocaleString(locale, { day: "numeric", month: "short", year: "numeric" });
  return page.items.map((c) => ({
    id: c.id,
    reference: c.reference,
    subject: c.subject,
    personnel: c.confidentiality === "personnel",
    draftReturned: c.draftReturned,
    statusText: ctx.t(`state.${c.status}` as MessageKey),
    due: c.nextDeadline ? day(c.nextDeadline.dueDate) : null,
    dueKind: c.nextDeadline ? ctx.t(`deadline.${c.nextDeadline.kind}` as MessageKey) : null,
    overdue: c.overdue,
    dueToday: c.nextDeadline?.dueDate === page.today,
    received: Temporal.Instant.from(c.receivedAt).toLocaleString(locale, { dateStyle: "medium" }),
  }));
}

/** Who may register a complaint received outside the web form (as the use case decides). */

const SignInForm = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});

export function staffPages(app: FastifyInstance, { deps, views, secureCookies }: StaffPageOptions): void {
  const showSignIn = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FormError[],
    status?: number,
  ) => {
    const ctx = pageContext(request);
    const { list, map } = byField(errors, ["email", "password"]);
    return renderPage(
      views,
      reply,
      "staff/sign-in.njk",
      {
        ...ctx,
        title: list.length
          ? `${ctx.t("errors.title")}: ${ctx.t("staff.signin.title")}`
          : ctx.t("staff.signin.title"),
        values: { email: values.email ?? "" },
        next: safeNext(values.next ?? (request.query as { next?: string }).next),
        errors: map,
        errorList: list,
        csrfToken: reply.generateCsrf(),
      },
      status ?? (list.length ? 400 : 200),
    );
  };

  app.get("/sign-in", (request, reply) => showSignIn(request, reply, {}, []));

  app.post("/sign-in", { preHandler: app.csrfProtection }, async (request, reply) => {
    const ctx = pageContext(request);
    const values = (request.body ?? {}) as Record<string, string>;
    const parsed = SignInForm.safeParse(values);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => {
        const field = String(i.path[0]);
        return {
          field,
          message: ctx.t(
            field === "email" ? "staff.signin.email.required" : "staff.signin.password.required",
          ),
        };
      });
      return showSignIn(request, reply, values, errors);
    }
    const session = await signIn(deps, parsed.data.email, parsed.data.password, request.ip);
    if (session.kind === "throttled") {
      const wait = session.retryAfterSeconds;
      const at = deps.clock
        .now()
        .add({ seconds: wait })
        .toZonedDateTimeISO("Europe/Copenhagen")
        .toPlainTime()
        .toString({ smallestUnit: "minute" });
      const message = ctx.t("staff.signin.throttled", { minutes: Math.ceil(wait / 60), time: at });
      reply.header("retry-after", String(wait));
      return showSignIn(request, reply, values, [{ field: "email", message }], 429);
    }
    if (session.kind === "refused")
      return showSignIn(request, reply, values, [{ field: "email", message: ctx.t("staff.signin.failed") }]);
    // a session the browser already had ends: nobody keeps one planted before this sign-in
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await signOut(deps, previous);
    rotateCsrf(request, reply);
    reply.setCookie(SESSION_COOKIE, session.sessionToken, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookies,
      maxAge: SESSION_HOURS * 3600,
    });
    return reply.redirect(safeNext(values.next), 303);
  });

  app.post("/sign-out", { preHandler: app.csrfProtection }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await signOut(deps, token);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    rotateCsrf(request, reply);
    return reply.redirect("/sign-in", 303);
  });

  const signedIn = requireSignIn(deps);

  app.get("/work", { preHandler: signedIn }, async (request, reply) => {
    const actor: Actor = actorOf(request);
    const ctx = staffContext(request, reply, "work");
    // people who read no case contents: the analyst works with the numbers, others have no role yet
    if (!ctx.readsCases) {
      if (ctx.seesStatistics) return reply.redirect("/statistics", 303);
      return renderPage(views, reply, "staff/work.njk", {
        ...ctx,
        title: ctx.t("staff.work.title"),
        noRole: true,
      });
    }
    const mine = await listCases(
      deps,
      actor,
      ListCasesQuery.parse({ assignee: "me", open: "true", sort: "due", limit: 100 }),
    );
    const seesInbox = actor.roles.some((r) => r === "receiver" || r === "coordinator" || r === "admin");
    const inbox = seesInbox
      ? await listCases(
          deps,
          actor,
          ListCasesQuery.parse({ assignee: "none", open: "true", sort: "due", limit: 100 }),
        )
      : null;
    const approvals = actor.roles.includes("approver")
      ? await listCases(
          deps,
          actor,
          ListCasesQuery.parse({ status: "awaiting_approval", sort: "due", limit: 100 }),
        )
      : null;
    const registered = (request.query as { registered?: string }).registered;
    return renderPage(views, reply, "staff/work.njk", {
      ...ctx,
      title: ctx.t("staff.work.title"),
      notificationPanel: await workPanel(deps, actor, ctx),
      mine: caseRows(mine, ctx),
      inbox: inbox ? caseRows(inbox, ctx) : null,
      approvals: approvals ? caseRows(approvals, ctx) : null,
      registered:
        registered && /^[A-Z]+-\d{4}-\d+$/.test(registered)
          ? ctx.t("staff.register.done", { reference: registered })
          : null,
    });
  });

  app.get("/cases", { preHandler: signedIn }, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = staffContext(request, reply, "cases");
    const raw = Object.fromEntries(
      Object.entries((request.query ?? {}) as Record<string, unknown>).filter(
        ([k, v]) => k !== "lang" && typeof v === "string" && v !== "",
      ),
    ) as Record<string, string>;
    const parsed = ListCasesQuery.safeParse({ ...raw, limit: raw.limit ?? "25" });
    let page: CasePage | null = null;
    let errors: FormError[] = [];
    if (parsed.success) {
      try {
        page = await listCases(deps, actor, parsed.data);
      } catch (error) {
        if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
        errors = fromFieldErrors(error.details.fieldErrors ?? [], ctx.t);
      }
    } else {
      errors = parsed.error.issues.map((i) => ({
        field: String(i.path[0]),
        message: ctx.t("error.invalid"),
      }));
    }
    const { list, map } = byField(errors, ["q", "status", "unit", "assignee"]);
    const procedures = await listOrganisationProcedures(deps, actor);
    const directory = await getDirectory(deps, actor);
    // every category of the organisation's procedures, by code (a code shared by two is one choice)
    const categories = categoryNames(procedures, ctx.lang);
    const options = (
      values: readonly string[],
      label: (v: string) => string,
      current: string | undefined,
    ) => [
      { value: "", text: ctx.t("staff.filter.any") },
      ...values.map((v) => ({ value: v, text: label(v), isSelected: current === v })),
    ];
    const next = page?.nextCursor
      ? new URLSearchParams({ ...raw, cursor: page.nextCursor }).toString()
      : null;
    // each filter in use as a tag: a little form that searches again without it (no JavaScript)
    const filterText: Record<string, (v: string) => string> = {
      q: (v) => `"${v}"`,
      status: (v) => ctx.t(`state.${v}` as MessageKey),
      procedure: (v) => procedures.find((p) => p.id === v)?.name ?? v,
      type: (v) => ctx.t(`type.${v}` as MessageKey),
      category: (v) => categories.get(v) ?? v,
      unit: (v) => directory.units.find((u) => u.code === v || u.id === v)?.name ?? v,
      assignee: (v) =>
        v === "me"
          ? ctx.t("staff.filter.assignee.me")
          : v === "none"
            ? ctx.t("staff.filter.assignee.none")
            : (directory.people.find((p) => p.id === v)?.name ?? v),
      overdue: () => ctx.t("staff.filter.overdue"),
      // the dashboard's drill-down filters
      receivedFrom: (v) => v,
      receivedTo: (v) => v,
      outcome: (v) => (v === "open" ? ctx.t("stats.open") : ctx.t(`outcome.${v}` as MessageKey)),
      channel: (v) => ctx.t(`channel.${v}` as MessageKey),
      source: (v) => ctx.t(`source.${v}` as MessageKey),
      open: () => ctx.t("staff.filter.open"),
      answered: (v) => ctx.t(v === "true" ? "staff.filter.answered.true" : "staff.filter.answered.false"),
    };
    const LABEL_ONLY = new Set(["overdue", "open", "answered"]);
    const activeFilters = Object.keys(filterText)
      .filter((k) => raw[k] !== undefined)
      .map((k) => ({
        label: LABEL_ONLY.has(k)
          ? filterText[k]!(raw[k]!)
          : `${ctx.t(`staff.filter.${k}` as MessageKey)}: ${filterText[k]!(raw[k]!)}`,
        keep: Object.entries(raw)
          .filter(([name]) => name !== k && name !== "cursor")
          .map(([name, value]) => ({ name, value })),
      }));
    // from a dashboard figure: how many cases match, and how many of them the figure counted but
    // this person may not see
    const drill = ctx.seesStatistics && parsed.success && page && (raw.receivedFrom || raw.receivedTo);
    const counted = drill ? await countListedCases(deps, actor, parsed.data) : null;
    return renderPage(views, reply, "staff/cases.njk", {
      ...ctx,
      title: ctx.t("staff.cases.title"),
      activeFilters,
      listedText: counted ? ctx.t("dash.listed", { count: counted.listed }) : null,
      notShownText: counted?.notShown ? ctx.t("dash.notShown", { count: counted.notShown }) : null,
      // filters the form has no field for, kept when it is sent again
      hiddenFilters: ["receivedFrom", "receivedTo", "outcome", "channel", "source", "open", "answered"]
        .filter((k) => raw[k] !== undefined)
        .map((name) => ({ name, value: raw[name] })),
      query: raw,
      errors: map,
      errorList: list,
      rows: page ? caseRows(page, ctx) : [],
      nextHref: next ? `/cases?${next}` : null,
      statusOptions: options(CASE_STATUSES, (s) => ctx.t(`state.${s}` as MessageKey), raw.status),
      procedureOptions: [
        { value: "", text: ctx.t("staff.filter.any") },
        ...procedures.map((p) => ({ value: p.id, text: p.name, isSelected: raw.procedure === p.id })),
      ],
      typeOptions: options(CaseType.options, (v) => ctx.t(`type.${v}` as MessageKey), raw.type),
      categoryOptions: options(
        [...categories.keys()].sort((a, b) =>
          (categories.get(a) ?? a).localeCompare(categories.get(b) ?? b, intlLocale(ctx.lang)),
        ),
        (code) => categories.get(code) ?? code,
        raw.category,
      ),
      unitOptions: [
        { value: "", text: ctx.t("staff.filter.any") },
        ...directory.units.map((u) => ({
          value: u.code,
          text: `${u.name} (${u.code})`,
          isSelected: raw.unit === u.code || raw.unit === u.id,
        })),
      ],
      assigneeOptions: [
        { value: "", text: ctx.t("staff.filter.any") },
        { value: "me", text: ctx.t("staff.filter.assignee.me"), isSelected: raw.assignee === "me" },
        { value: "none", text: ctx.t("staff.filter.assignee.none"), isSelected: raw.assignee === "none" },
        ...directory.people
          .filter((p) => p.roles.includes("handler") || p.roles.includes("coordinator"))
          .map((p) => ({ value: p.id, text: p.name, isSelected: raw.assignee === p.id })),
      ],
      sortOptions: (["due", "-received", "received"] as const).map((s) => ({
        value: s,
        text: ctx.t(`staff.sort.${s}`),
        isSelected: (raw.sort ?? "due") === s,
      })),
    });
  });
}
