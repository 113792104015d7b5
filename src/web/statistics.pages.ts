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
import { STATS_DIMENSIONS, type StatsGroup, type StatsGroupBy } from "../domain/statistics.js";
import { categoryNames } from "./category-names.js";
import { byField, type FormError } from "./form-errors.js";
import { type MessageKey, type Translate, translateOr } from "./i18n/messages.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

const GROUPINGS: readonly StatsGroupBy[] = STATS_DIMENSIONS;

/** A group's key in words: labels from the catalogue, names from the directory and procedures. */
export function keyText(
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
    case "rootCause":
      return label("rootCause");
    case "appealsResult":
      return key === "pending" ? t("stats.pending") : label("appeals");
    case "deviation":
      return label("deadline");
    case "ageBand":
      return key === "closed" ? t("stats.closed") : t("stats.ageBand", { days: key });
    case "appealsArea":
      return key;
  }
}

/** Groups in the order people read them: by name, months in time, "other" and "none" last. */
function readingRows(
  groups: readonly StatsGroup[],
  by: readonly StatsGroupBy[],
  text: (by: StatsGroupBy, key: string) => string,
  locale: string,
) {
  const rank = (key: string) => (key === "other" ? 2 : key === "none" ? 1 : 0);
  const rows = groups.map((g) => {
    const keys = typeof g.key === "string" ? [g.key] : g.key;
    return { g, keys, texts: keys.map((k, i) => text(by[i] ?? "type", k)) };
  });
  return rows.sort((a, b) => {
    for (let i = 0; i < by.length; i++) {
      const [x, y] = [a.keys[i] ?? "", b.keys[i] ?? ""];
      const order =
        rank(x) - rank(y) ||
        (by[i] === "month" || by[i] === "ageBand"
          ? x.localeCompare(y)
          : (a.texts[i] ?? "").localeCompare(b.texts[i] ?? "", locale));
      if (order) return order;
    }
    return 0;
  });
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
      groupBy2: raw.groupBy2 ?? "",
      procedure: raw.procedure ?? "",
    };
    const parsed = StatsQuery.safeParse({
      from: values.from,
      to: values.to,
      groupBy: values.groupBy2 ? `${values.groupBy},${values.groupBy2}` : values.groupBy,
      procedure: values.procedure || undefined,
    });
    let stats: Statistics | null = null;
    let errors: FormError[] = [];
    if (parsed.success && parsed.data.from > parsed.data.to) {
      errors = [{ field: "to", message: ctx.t("stats.order") }];
    } else if (parsed.success) {
      stats = await getStatistics(deps, actor, parsed.data);
    } else {
      errors = parsed.error.issues.map((i) => {
        const field = String(i.path[0] ?? "groupBy");
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
    const by: readonly StatsGroupBy[] = parsed.success ? parsed.data.groupBy : ["type"];
    const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
    const { list, map } = byField(errors, ["from", "to", "groupBy", "groupBy2", "procedure"]);
    const csvQuery = new URLSearchParams({
      from: values.from,
      to: values.to,
      groupBy: by.join(","),
      format: "csv",
    });
    if (values.procedure) csvQuery.set("procedure", values.procedure);
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
        group2Options: [
          { value: "", text: ctx.t("stats.noSecond") },
          ...GROUPINGS.map((g) => ({
            value: g,
            text: ctx.t(`stats.by.${g}` as MessageKey),
            isSelected: values.groupBy2 === g,
          })),
        ],
        groupHeadings: by.map((g) => ctx.t(`stats.by.${g}` as MessageKey)),
        rows: readingRows(
          stats?.groups ?? [],
          by,
          (dimension, key) => keyText(dimension, key, ctx.t, names, locale),
          locale,
        ).map(({ g, texts }) => ({
          keys: texts,
          count: g.count,
          onTime: g.replyOnTimeRate === null ? "–" : percent.format(g.replyOnTimeRate),
          missed: g.replyCompliance.missed,
          median: g.medianDays ?? "–",
          p90: g.p90Days ?? "–",
        })),
        // the pages' downloads (decision 0023): the API's rows, the CSV with a BOM for Excel
        csvHref: stats ? `/statistics/export?${csvQuery}` : null,
        xlsxHref: stats
          ? `/statistics/export?${new URLSearchParams({ ...Object.fromEntries(csvQuery), format: "xlsx" })}`
          : null,
        total: stats?.total ?? null,
        merged: mergesSmallGroups(actor),
      },
      list.length ? 400 : 200,
    );
  });
}
