/**
 * The managers' dashboard at /statistics/dashboard (issue 9.2): filters for the period (with quick
 * choices), procedure, unit and a baseline; each figure a server-rendered ECharts SVG with the same
 * numbers in a table; for those who read cases every count links to the case list behind it.
 * Admins set the appeals board's target band here. Numbers come from `getDashboard`, which calls
 * `getStatistics` for every figure; the page only puts words to them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import { AppealsTargetInput, getAppealsTargets, setAppealsTarget } from "../app/appeals-target.js";
import type { AppDeps } from "../app/context.js";
import { type Dashboard, type DashboardQuery, getDashboard } from "../app/dashboard.js";
import { getDirectory } from "../app/get-directory.js";
import { listOrganisationProcedures } from "../app/organisation-procedures.js";
import { StatsQuery } from "../app/schemas.js";
import { isAdmin, readsCaseContents, seesStatistics } from "../domain/case-policy.js";
import { forbidden, KlaraError } from "../domain/errors.js";
import type { StatsDimension } from "../domain/statistics.js";
import { categoryNames } from "./category-names.js";
import { dashboardSections, drillHref } from "./dashboard-sections.js";
import { byField, type FormError } from "./form-errors.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";
import { keyText } from "./statistics.pages.js";

const FILTERS = ["from", "to", "procedure", "unit", "baselineFrom", "baselineTo"] as const;

export function dashboardPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);
  const statsRoles = async (request: FastifyRequest) => {
    if (!seesStatistics(actorOf(request))) throw forbidden();
  };
  const adminOnly = async (request: FastifyRequest) => {
    if (!isAdmin(actorOf(request))) throw forbidden();
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    target: { values: Record<string, string>; errors: FormError[]; saved: boolean },
  ) => {
    const actor = actorOf(request);
    const ctx = staffContext(request, reply, "statistics");
    const { t } = ctx;
    const locale = intlLocale(ctx.lang);
    const directory = await getDirectory(deps, actor);
    const timeZone = directory.organisations[0]?.timeZone ?? "Europe/Copenhagen";
    const today = deps.clock.now().toZonedDateTimeISO(timeZone).toPlainDate();
    const q = (request.query ?? {}) as Record<string, unknown>;
    const raw: Record<string, string> = {};
    for (const k of FILTERS) if (typeof q[k] === "string" && q[k] !== "") raw[k] = String(q[k]).slice(0, 64);
    const values = {
      from: raw.from ?? today.with({ month: 1, day: 1 }).toString(),
      to: raw.to ?? today.toString(),
      procedure: raw.procedure ?? "",
      unit: raw.unit ?? "",
      baselineFrom: raw.baselineFrom ?? "",
      baselineTo: raw.baselineTo ?? "",
    };
    const parsed = StatsQuery.safeParse({
      from: values.from,
      to: values.to,
      procedure: values.procedure || undefined,
      unit: values.unit || undefined,
      baselineFrom: values.baselineFrom || undefined,
      baselineTo: values.baselineTo || undefined,
    });
    let errors: FormError[] = [];
    let dashboard: Dashboard | null = null;
    if (!parsed.success) {
      errors = parsed.error.issues.map((i) => ({
        field: String(i.path[0] ?? "from"),
        message: t("error.date"),
      }));
    } else {
      const query: DashboardQuery = { from: parsed.data.from, to: parsed.data.to };
      for (const k of ["procedure", "unit", "baselineFrom", "baselineTo"] as const) {
        const v = parsed.data[k];
        if (v) query[k] = v;
      }
      try {
        dashboard = await getDashboard(deps, actor, query);
      } catch (error) {
        if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
        errors = (error.details.fieldErrors ?? []).map((e) => ({
          field: e.path,
          message: t(
            e.path === "unit" ? "error.unit" : e.path.startsWith("baseline") ? "error.date" : "stats.order",
          ),
        }));
      }
    }
    const procedures = await listOrganisationProcedures(deps, actor);
    const names = {
      units: new Map(directory.units.map((u) => [u.code, `${u.name} (${u.code})`])),
      categories: categoryNames(procedures, ctx.lang),
      procedures: new Map(procedures.map((p) => [p.id, p.name])),
    };
    const words = (by: StatsDimension, key: string) => keyText(by, key, t, names, locale);
    const drills = readsCaseContents(actor) && dashboard !== null;
    const sections = dashboard ? await dashboardSections(dashboard, { t, locale, words, today, drills }) : [];

    const here = (over: Record<string, string>) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...values, ...over })) if (v) p.set(k, v);
      return `/statistics/dashboard?${p}`;
    };
    const advisorStart = today.month >= 4 ? today.year : today.year - 1;
    const yearEarlier = (d: string) => Temporal.PlainDate.from(d).subtract({ years: 1 }).toString();
    const quick = [
      {
        text: t("dash.quick.year"),
        href: here({
          baselineFrom: "",
          baselineTo: "",
          from: today.with({ month: 1, day: 1 }).toString(),
          to: today.toString(),
        }),
      },
      {
        text: t("dash.quick.months"),
        href: here({
          baselineFrom: "",
          baselineTo: "",
          from: today.subtract({ months: 12 }).add({ days: 1 }).toString(),
          to: today.toString(),
        }),
      },
      {
        text: t("dash.quick.advisor", { from: advisorStart, to: advisorStart + 1 }),
        href: here({
          baselineFrom: "",
          baselineTo: "",
          from: `${advisorStart}-04-01`,
          to: `${advisorStart + 1}-03-31`,
        }),
      },
      ...(parsed.success
        ? [
            {
              text: t("dash.quick.lastYear"),
              href: here({
                baselineFrom: yearEarlier(parsed.data.from),
                baselineTo: yearEarlier(parsed.data.to),
              }),
            },
          ]
        : []),
    ];
    const { list, map } = byField(
      [...errors, ...target.errors],
      [...FILTERS, "targetProcedure", "low", "high"],
    );
    const admin = isAdmin(actor);
    const targets = admin ? await getAppealsTargets(deps, actor) : [];
    return renderPage(
      views,
      reply,
      "staff/dashboard.njk",
      {
        ...ctx,
        title: list.length ? `${t("errors.title")}: ${t("dash.title")}` : t("dash.title"),
        values,
        errors: map,
        errorList: list,
        quick,
        sections,
        total: dashboard?.total ?? null,
        totalText: dashboard
          ? dashboard.baselineTotal === null
            ? t("dash.total", { count: dashboard.total })
            : t("dash.totalBaseline", { count: dashboard.total, baseline: dashboard.baselineTotal })
          : null,
        totalHref: dashboard && drills && dashboard.total > 0 ? drillHref(dashboard, {}) : null,
        drills,
        merged: dashboard?.merged ?? false,
        procedureOptions: [
          { value: "", text: t("staff.filter.any") },
          ...procedures.map((p) => ({ value: p.id, text: p.name, isSelected: values.procedure === p.id })),
        ],
        unitOptions: [
          { value: "", text: t("staff.filter.any") },
          ...directory.units.map((u) => ({
            value: u.code,
            text: `${u.name} (${u.code})`,
            isSelected: values.unit === u.code || values.unit === u.id,
          })),
        ],
        targetForm: admin
          ? {
              values: target.values,
              saved: target.saved,
              current: targets.map((x) => ({
                text: x.procedureId
                  ? (names.procedures.get(x.procedureId) ?? x.procedureId)
                  : t("dash.targetOrganisation"),
                band: t("dash.target", { low: x.lowPercent, high: x.highPercent }),
              })),
              options: [
                { value: "", text: t("dash.targetOrganisation") },
                ...procedures.map((p) => ({
                  value: p.id,
                  text: p.name,
                  isSelected: target.values.procedure === p.id,
                })),
              ],
            }
          : null,
      },
      list.length ? 400 : 200,
    );
  };

  app.get("/statistics/dashboard", { preHandler: [signedIn, statsRoles] }, (request, reply) =>
    show(request, reply, {
      values: {},
      errors: [],
      saved: (request.query as Record<string, unknown> | undefined)?.saved === "1",
    }),
  );

  app.post(
    "/statistics/dashboard/target",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const { t } = staffContext(request, reply, "statistics");
      const body = (request.body ?? {}) as Record<string, unknown>;
      const str = (k: string) => (typeof body[k] === "string" ? String(body[k]).trim().slice(0, 64) : "");
      const values = { procedure: str("targetProcedure"), low: str("low"), high: str("high") };
      const parsed = AppealsTargetInput.safeParse({
        procedure: values.procedure || undefined,
        low: values.low === "" ? undefined : values.low,
        high: values.high === "" ? undefined : values.high,
      });
      const fail = (errors: FormError[]) => show(request, reply, { values, errors, saved: false });
      if (!parsed.success) {
        return fail(
          parsed.error.issues.map((i) => {
            const field = i.path[0] === "procedure" ? "targetProcedure" : String(i.path[0] ?? "low");
            return { field, message: t(i.code === "custom" ? "dash.targetOrder" : "dash.targetBad") };
          }),
        );
      }
      try {
        await setAppealsTarget(deps, actorOf(request), parsed.data);
      } catch (error) {
        if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
        return fail([{ field: "targetProcedure", message: t("error.invalid") }]);
      }
      return reply.redirect("/statistics/dashboard?saved=1", 303);
    },
  );
}
