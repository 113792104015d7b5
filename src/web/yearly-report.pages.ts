/**
 * The yearly report in words (issue 9.3): the use case's numbers labelled in the reader's language,
 * as an HTML page with ECharts SVG charts and their tables, and the same document as PDF. Managers
 * and admins open it at /statistics/yearly (and .pdf); `klara report yearly` writes both files.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import type { AppDeps } from "../app/context.js";
import {
  REPORT_PERIODS,
  type ReportRow,
  validateReportInput,
  type YearlyReport,
  yearlyReport,
} from "../app/yearly-report.js";
import { chartSvg } from "../app/yearly-report-charts.js";
import { type ReportDocument, type ReportSection, renderReportPdf } from "../app/yearly-report-pdf.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden, KlaraError } from "../domain/errors.js";
import { categoryNames } from "./category-names.js";
import { type Language, type MessageKey, translateOr, translator } from "./i18n/messages.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

/** The report in words: labels, formatted dates and the tables and charts of every section. */
export function reportDocument(report: YearlyReport, lang: Language): ReportDocument {
  const t = translator(lang);
  const locale = intlLocale(lang);
  const categories = categoryNames(report.procedures, lang);
  const procedures = new Map(report.procedures.map((p) => [p.id, p.name]));
  const dateText = (d: string) => Temporal.PlainDate.from(d).toLocaleString(locale, { dateStyle: "long" });
  const monthText = (m: string) =>
    Temporal.PlainDate.from(`${m}-01`).toLocaleString(locale, { month: "short", year: "2-digit" });
  const label = (prefix: string) => (key: string) =>
    key === "other"
      ? t("stats.other")
      : key === "none"
        ? t("stats.none")
        : translateOr(t, `${prefix}.${key}`, key);
  const count = t("yearly.count");
  const previous = t("yearly.previous");
  const breakdown = (
    heading: MessageKey,
    rows: readonly ReportRow[],
    text: (key: string) => string,
    chart: boolean,
  ): ReportSection => {
    const labels = rows.map((r) => text(r.key));
    return {
      heading: t(heading),
      table: {
        caption: t(heading),
        columns: ["", count, previous],
        rows: rows.map((r, i) => [labels[i] ?? r.key, String(r.count), String(r.previous)]),
      },
      ...(chart
        ? {
            chart: {
              kind: "bar" as const,
              title: t(heading),
              labels,
              series: [{ name: count, values: rows.map((r) => r.count) }],
            },
          }
        : {}),
    };
  };
  const c = report.replyCompliance;
  const title =
    report.period === "calendar"
      ? t("yearly.title", { year: report.year })
      : t("yearly.titleAdvisor", { year: report.year, next: report.year + 1 });
  const months = report.byMonth.map((m) => monthText(m.key));
  // a month the small-cell rule merged into "other"
  const shown = (n: number | null) => (n === null ? "–" : String(n));
  return {
    lang,
    title,
    subtitle: t("yearly.subtitle", {
      organisation: report.organisation.name,
      from: dateText(report.from),
      to: dateText(report.to),
    }),
    note: t("yearly.note"),
    sections: [
      {
        heading: t("yearly.total"),
        intro: t("yearly.totalIntro", { count: report.total, previous: report.previousTotal }),
        table: {
          caption: t("yearly.total"),
          columns: ["", count, previous],
          rows: [[t("yearly.total"), String(report.total), String(report.previousTotal)]],
        },
      },
      breakdown("yearly.byType", report.byType, label("type"), true),
      breakdown(
        "yearly.byCategory",
        report.byCategory,
        (k) => categories.get(k) ?? label("category")(k),
        true,
      ),
      breakdown(
        "yearly.byProcedure",
        report.byProcedure,
        (k) => procedures.get(k) ?? label("procedure")(k),
        false,
      ),
      breakdown("yearly.byChannel", report.byChannel, label("channel"), false),
      breakdown("yearly.bySource", report.bySource, label("source"), false),
      breakdown(
        "yearly.byOutcome",
        report.byOutcome,
        (k) => (k === "open" ? t("stats.open") : label("outcome")(k)),
        false,
      ),
      {
        heading: t("yearly.byMonth"),
        table: {
          caption: t("yearly.byMonth"),
          columns: ["", count, previous],
          rows: [
            ...report.byMonth.map((m, i) => [months[i] ?? m.key, shown(m.count), shown(m.previous)]),
            ...(report.monthsOther.count + report.monthsOther.previous > 0
              ? [[t("stats.other"), String(report.monthsOther.count), String(report.monthsOther.previous)]]
              : []),
          ],
        },
        chart: {
          kind: "line",
          title: t("yearly.byMonth"),
          labels: months,
          series: [
            { name: count, values: report.byMonth.map((m) => m.count) },
            { name: previous, values: report.byMonth.map((m) => m.previous) },
          ],
        },
      },
      {
        heading: t("yearly.compliance"),
        table: {
          caption: t("yearly.compliance"),
          columns: ["", count],
          rows: [
            [t("yearly.compliance.met"), String(c.met)],
            [t("yearly.compliance.delayed"), String(c.metAfterDelayNotice)],
            [t("yearly.compliance.missed"), String(c.missed)],
          ],
        },
      },
      {
        heading: t("yearly.processing"),
        table: {
          caption: t("yearly.processing"),
          columns: ["", count, t("yearly.median"), t("yearly.p90")],
          rows: report.processing.map((p) => [
            label("type")(p.key),
            String(p.count),
            p.medianDays === null ? "–" : String(p.medianDays),
            p.p90Days === null ? "–" : String(p.p90Days),
          ]),
        },
      },
      {
        heading: t("yearly.measures"),
        intro: t("yearly.measuresIntro", { count: report.withRootCauses ?? "–" }),
        table: {
          caption: t("yearly.measures"),
          columns: [t("yearly.cause"), count, previous],
          rows: report.rootCauses.map((r) => [
            label("rootCause")(r.key),
            String(r.count),
            String(r.previous),
          ]),
        },
      },
    ],
  };
}

export interface ReportFiles {
  html: string;
  pdf: Uint8Array;
}

/** The report's HTML page (a file of its own, or inside the staff layout) and its PDF. */
export async function yearlyReportFiles(
  views: Views,
  report: YearlyReport,
  lang: Language,
  context: object = {},
  layout = "staff/yearly-report-file.njk",
): Promise<ReportFiles> {
  const document = reportDocument(report, lang);
  const t = translator(lang);
  const html = views.render("staff/yearly-report.njk", {
    lang,
    t,
    ...context,
    layout,
    title: document.title,
    report: document,
    charts: await Promise.all(document.sections.map((s) => (s.chart ? chartSvg(s.chart) : null))),
  });
  // the PDF's dates are the report period's end, so the same data gives the same report
  const pdf = await renderReportPdf(document, new Date(`${report.to}T12:00:00Z`));
  return { html, pdf };
}

/** Managers and admins: the numbers for publication. */
const readsYearlyReport = (viewer: Parameters<typeof isAdmin>[0]) =>
  viewer.roles.includes("manager") || isAdmin(viewer);

export function yearlyReportPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);
  const allowed = async (request: FastifyRequest) => {
    if (!readsYearlyReport(actorOf(request))) throw forbidden();
  };
  const handle = async (request: FastifyRequest, reply: FastifyReply, asPdf: boolean) => {
    const actor = actorOf(request);
    const ctx = staffContext(request, reply, "statistics");
    const query = (request.query ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
    const now = deps.clock.now().toZonedDateTimeISO("UTC");
    const period = str(query.period) ?? "calendar";
    // without a year, the one under way: an advisor year is named after the year it starts, so
    // before April the current one started last year (else it would lie wholly in the future)
    const thisYear = period === "advisor" && now.month < 4 ? now.year - 1 : now.year;
    const raw = { year: str(query.year) ?? String(thisYear), period };
    let input: ReturnType<typeof validateReportInput>;
    try {
      input = validateReportInput(raw);
    } catch (error) {
      if (!(error instanceof KlaraError) || error.code !== "invalid_input") throw error;
      // the field named in words: the year or the period
      const field = error.details.fieldErrors?.[0]?.path === "period" ? "period" : "year";
      const text = ctx.t(field === "period" ? "yearly.bad.period" : "yearly.bad.year");
      return reply
        .code(400)
        .header("cache-control", "no-store")
        .type("text/html; charset=utf-8")
        .send(views.render("message.njk", { ...ctx, title: ctx.t("yearly.link"), text, field }));
    }
    const report = await yearlyReport(deps, { organisationId: actor.organisationId, ...input });
    const files = await yearlyReportFiles(
      views,
      report,
      ctx.lang,
      {
        ...ctx,
        web: true,
        values: raw,
        periodOptions: REPORT_PERIODS.map((p) => ({
          value: p,
          text: ctx.t(`yearly.period.${p}` as MessageKey),
          isSelected: raw.period === p,
        })),
        pdfHref: `/statistics/yearly.pdf?${new URLSearchParams({ year: raw.year, period: raw.period, lang: ctx.lang })}`,
      },
      "layout.njk",
    );
    if (asPdf) {
      return reply
        .header("cache-control", "no-store")
        .header("content-disposition", `inline; filename="yearly-report-${input.year}-${input.period}.pdf"`)
        .type("application/pdf")
        .send(Buffer.from(files.pdf));
    }
    return reply
      .code(200)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(files.html);
  };
  app.get("/statistics/yearly", { preHandler: [signedIn, allowed] }, (request, reply) =>
    handle(request, reply, false),
  );
  app.get("/statistics/yearly.pdf", { preHandler: [signedIn, allowed] }, (request, reply) =>
    handle(request, reply, true),
  );
}
