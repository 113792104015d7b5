/**
 * The numbers for analysts, managers and admins (SPEC §8): complaints in a period grouped by type,
 * category, unit, outcome, channel, source, month or procedure, with the share answered on time
 * and the processing times, from the same use case as `GET /api/v1/stats`. A table for now; the
 * charts and the yearly report come with management information (ROADMAP).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import type { AppDeps } from "../app/context.js";
import { getDirectory } from "../app/get-directory.js";
import { listOrganisationProcedures } from "../app/organisation-procedures.js";
import { StatsQuery } from "../app/schemas.js";
import { getStatistics, type Statistics, seesStatistics } from "../app/statistics.js";
import { mergesSmallGroups } from "../domain/case-policy.js";
import { forbidden } from "../domain/errors.js";
import type { StatsGroupBy } from "../domain/statistics.js";
import { categoryNames } from "./category-names.js";
import { byField, type FormError } from "./form-errors.js";
import { type MessageKey, type Translate, translateOr } from "./i18n/messages.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

const GROUPINGS: StatsGroupBy[] = [
  "type",
  "category",
  "unit",
  "outcome",
  "channel",
  "source",
  "month",
  "procedure",
];

/** A group's key in words: labels from the catalogue, names from the directory and procedures. */
function keyText(
  by: StatsGroupBy,
  key: string,
  t: Translate,
  names: { units: Map<string, string>; categories: Map<string, string>; procedures: Map<string, string> },
  locale: string,
): string {
  if (key === "other") return t("stats.other");
  if (key === "none") return t("stats.none");
  const label = (prefix: string) => translateOr(t, `${prefix}.${key}`, key);
  switch (by) {
    case "type":
      return label("type");
    case "outcome":
      return key === "open" ? t("stats.open") : label("outcome");
    case "channel":
      return label("channel");
    case "source":
      return label("source");
    case "category":
      return names.categories.get(key) ?? key;
    case "unit":
      return names.units.get(key) ?? key;
    case "procedure":
      return names.procedures.get(key) ?? key;
    case "month":
      return /^\d{4}-\d{2}$/.test(key)
        ? Temporal.PlainDate.from(`${key}-01`).toLocaleString(locale, { month: "long", year: "numeric" })
        : key;
  }
}

/** Groups in the order people read them: by name, months in time, "other" last. */
function sortedForReading<G extends { key: string }>(
  groups: readonly G[],
  by: StatsGroupBy,
  text: (key: string) => string,
  locale: string,
): (G & { text: string })[] {
  const rank = (g: G) => (g.key === "other" ? 2 : g.key === "none" ? 1 : 0);
  return groups
    .map((g) => ({ ...g, text: text(g.key) }))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (by === "month" ? a.key.localeCompare(b.key) : a.text.localeCompare(b.text, locale)),
    );
}

export function statisticsPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);
  const statsRoles = async (request: FastifyRequest) => {
    if (!seesStatistics(actorOf(request))) throw forbidden();
  };

  app.get("/statistics", { preHandler: [signedIn, statsRoles] }, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = staffContext(request, reply, "statistics");
    const locale = intlLocale(ctx.lang);
    const directory = await getDirectory(deps, actor);
    const timeZone = directory.organisations[0]?.timeZone ?? "Europe/Copenhagen";
    const today = deps.clock.now().toZonedDateTimeISO(timeZone).toPlainDate();
    const raw = Object.fromEntries(
      Object.entries((request.query ?? {}) as Record<string, unknown>).filter(
        ([k, v]) => k !== "lang" && typeof v === "string" && v !== "",
      ),
    ) as Record<string, string>;
    // this calendar year so far, unless asked otherwise
    const values = {
      from: raw.from ?? today.with({ month: 1, day: 1 }).toString(),
      to: raw.to ?? today.toString(),
      groupBy: raw.groupBy ?? "type",
      procedure: raw.procedure ?? "",
    };
    const parsed = StatsQuery.safeParse({ ...values, procedure: values.procedure || undefined });
    let stats: Statistics | null = null;
    let errors: FormError[] = [];
    if (parsed.success && parsed.data.from > parsed.data.to) {
      errors = [{ field: "to", message: ctx.t("stats.order") }];
    } else if (parsed.success) {
      stats = await getStatistics(deps, actor, parsed.data);
    } else {
      errors = parsed.error.issues.map((i) => {
        const field = String(i.path[0]);
        return { field, message: ctx.t(field === "from" || field === "to" ? "error.date" : "error.invalid") };
      });
    }
    const procedures = await listOrganisationProcedures(deps, actor);
    const categories = categoryNames(procedures, ctx.lang);
    const names = {
      units: new Map(directory.units.map((u) => [u.code, `${u.name} (${u.code})`])),
      categories,
      procedures: new Map(procedures.map((p) => [p.id, p.name])),
    };
    const by = (parsed.success ? parsed.data.groupBy : "type") as StatsGroupBy;
    const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
    const { list, map } = byField(errors, ["from", "to", "groupBy", "procedure"]);
    return renderPage(
      views,
      reply,
      "staff/statistics.njk",
      {
        ...ctx,
        title: ctx.t("stats.title"),
        values,
        errors: map,
        errorList: list,
        groupOptions: GROUPINGS.map((g) => ({
          value: g,
          text: ctx.t(`stats.by.${g}` as MessageKey),
          isSelected: values.groupBy === g,
        })),
        procedureOptions: [
          { value: "", text: ctx.t("staff.filter.any") },
          ...procedures.map((p) => ({ value: p.id, text: p.name, isSelected: values.procedure === p.id })),
        ],
        groupHeading: ctx.t(`stats.by.${by}` as MessageKey),
        rows: sortedForReading(
          stats?.groups ?? [],
          by,
          (key) => keyText(by, key, ctx.t, names, locale),
          locale,
        ).map((g) => ({
          key: g.text,
          count: g.count,
          onTime: g.replyOnTimeRate === null ? "–" : percent.format(g.replyOnTimeRate),
          median: g.medianDays ?? "–",
          p90: g.p90Days ?? "–",
        })),
        total: stats?.total ?? null,
        merged: mergesSmallGroups(actor),
      },
      list.length ? 400 : 200,
    );
  });
}
