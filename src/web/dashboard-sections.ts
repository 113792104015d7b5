/**
 * The dashboard's figures in words (issue 9.2): for each figure a heading, notes, an ECharts chart
 * (rendered to SVG on the server) and the same numbers as a table whose counts link to the case list
 * behind them for those who read cases. Pure: numbers from `getDashboard`, words from the catalogue.
 */
import { Temporal } from "temporal-polyfill";
import type { Dashboard } from "../app/dashboard.js";
import { type DashboardChart, dashboardChartSvg } from "../app/dashboard-charts.js";
import type { StatsDimension, StatsGroup } from "../domain/statistics.js";
import type { MessageKey, Translate } from "./i18n/messages.js";

export interface Cell {
  text: string;
  href?: string | null;
}

export interface Section {
  id: string;
  heading: string;
  notes: string[];
  chart: DashboardChart | null;
  svg: string | null;
  columns: string[];
  rows: { head: string; cells: Cell[] }[];
}

const KINDS = ["acknowledge", "route", "firstContact", "draft", "reply", "reassessment"];

const keyOf = (g: StatsGroup) => (typeof g.key === "string" ? g.key : g.key.join(","));
const lastDayOf = (month: string) =>
  Temporal.PlainDate.from(`${month}-01`).add({ months: 1 }).subtract({ days: 1 }).toString();
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** The received-date range of an age band on `today`, within the period; null when empty. */
export function ageRange(band: string, today: Temporal.PlainDate, from: string, to: string) {
  const bounds: Record<string, [number, number | null]> = {
    "0-7": [0, 7],
    "8-14": [8, 14],
    "15-30": [15, 30],
    "31-60": [31, 60],
    ">60": [61, null],
  };
  const b = bounds[band];
  if (!b) return null;
  const newest = today.subtract({ days: b[0] }).toString();
  const oldest = b[1] === null ? from : today.subtract({ days: b[1] }).toString();
  const range = { receivedFrom: maxDate(from, oldest), receivedTo: minDate(to, newest) };
  return range.receivedFrom <= range.receivedTo ? range : null;
}

/** The case list behind a figure: the dashboard's period, procedure and unit, and the figure's own filter. */
export function drillHref(d: Dashboard, extra: Record<string, string>): string {
  const { from, to, procedure, unit } = d.query;
  const params = new URLSearchParams({ receivedFrom: from, receivedTo: to });
  if (procedure) params.set("procedure", procedure);
  if (unit) params.set("unit", unit);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  params.set("sort", "-received");
  return `/cases?${params}`;
}

export interface SectionWords {
  t: Translate;
  locale: string;
  /** a group's key in words */
  words: (by: StatsDimension, key: string) => string;
  /** the organisation's date today (the age bands) */
  today: Temporal.PlainDate;
  /** counts link to the cases behind them (not for analysts) */
  drills: boolean;
}

export async function dashboardSections(
  d: Dashboard,
  { t, locale, words, today, drills }: SectionWords,
): Promise<Section[]> {
  const percent = (rate: number | null) => (rate === null ? "–" : `${Math.round(rate * 100)} %`);
  const num = (n: number | null) => (n === null ? "–" : String(n));
  const monthText = (m: string) =>
    Temporal.PlainDate.from(`${m}-01`).toLocaleString(locale, { month: "short", year: "numeric" });

  const link = (extra: Record<string, string>): string | null => (drills ? drillHref(d, extra) : null);
  const countCell = (n: number | null, key: string, extra: Record<string, string> | null): Cell => ({
    text: num(n),
    href: n !== null && n > 0 && key !== "other" && extra ? link(extra) : null,
  });
  const breakdown = (
    id: string,
    heading: MessageKey,
    by: StatsDimension,
    groups: readonly StatsGroup[],
    filter: ((key: string) => Record<string, string> | null) | null,
    chart: boolean,
  ): Section => {
    const rows = groups.map((g) => ({
      head: words(by, keyOf(g)),
      cells: [countCell(g.count, keyOf(g), filter ? filter(keyOf(g)) : null)],
    }));
    return {
      id,
      heading: t(heading),
      notes: [],
      chart:
        chart && rows.length
          ? {
              kind: "bar",
              title: t(heading),
              labels: rows.map((r) => r.head),
              series: [{ name: t("stats.count"), values: groups.map((g) => g.count) }],
            }
          : null,
      svg: null,
      columns: [t(`stats.by.${by}` as MessageKey), t("stats.count")],
      rows,
    };
  };

  const sections: Section[] = [];
  {
    sections.push(
      breakdown(
        "category",
        "dash.byCategory",
        "category",
        d.byCategory,
        (k) => (k === "none" ? null : { category: k }),
        true,
      ),
    );
    const monthRange = (m: string) => ({
      receivedFrom: maxDate(d.query.from, `${m}-01`),
      receivedTo: minDate(d.query.to, lastDayOf(m)),
    });
    const base = d.baselineMonths;
    sections.push({
      id: "trend",
      heading: t("dash.trend"),
      notes: [t("dash.trendNote")],
      chart: {
        kind: "line",
        title: t("dash.trend"),
        labels: d.months.map((m) => monthText(m.month)),
        series: [
          { name: t("dash.received"), values: d.months.map((m) => m.received) },
          { name: t("dash.answered"), values: d.months.map((m) => m.answered) },
          ...(base
            ? [
                {
                  name: t("dash.baseline"),
                  values: d.months.map((_, i) => base[i]?.received ?? null),
                  dashed: true,
                },
              ]
            : []),
        ],
      },
      svg: null,
      columns: [t("dash.month"), t("dash.received"), t("dash.answered")],
      rows: d.months.map((m) => ({
        head: monthText(m.month),
        cells: [countCell(m.received, m.month, monthRange(m.month)), { text: num(m.answered) }],
      })),
    });
    if (base) {
      sections.push({
        id: "baseline",
        heading: t("dash.trendBaseline"),
        notes: [],
        chart: null,
        svg: null,
        columns: [t("dash.month"), t("dash.received")],
        rows: base.map((m) => ({ head: monthText(m.month), cells: [{ text: num(m.received) }] })),
      });
    }
    const kinds = KINDS.filter((k) => d.compliance[k]);
    sections.push({
      id: "compliance",
      heading: t("dash.compliance"),
      notes: [t("dash.complianceNote")],
      chart: kinds.length
        ? {
            kind: "stacked",
            title: t("dash.compliance"),
            labels: kinds.map((k) => t(`deadline.${k}` as MessageKey)),
            series: (["met", "metAfterDelayNotice", "missed"] as const).map((how, i) => ({
              name: t((["dash.met", "dash.delayed", "dash.missed"] as const)[i] ?? "dash.met"),
              values: kinds.map((k) => d.compliance[k]?.[how] ?? 0),
            })),
          }
        : null,
      svg: null,
      columns: [t("dash.kind"), t("dash.met"), t("dash.delayed"), t("dash.missed")],
      rows: kinds.map((k) => {
        const c = d.compliance[k] ?? { met: 0, metAfterDelayNotice: 0, missed: 0 };
        return {
          head: t(`deadline.${k}` as MessageKey),
          cells: [c.met, c.metAfterDelayNotice, c.missed].map((n) => ({ text: String(n) })),
        };
      }),
    });
    sections.push({
      id: "processing",
      heading: t("dash.processing"),
      notes: [],
      chart: d.byType.length
        ? {
            kind: "bar",
            title: t("dash.processing"),
            labels: d.byType.map((g) => words("type", keyOf(g))),
            series: [
              { name: t("stats.median"), values: d.byType.map((g) => g.medianDays) },
              { name: t("stats.p90"), values: d.byType.map((g) => g.p90Days) },
            ],
          }
        : null,
      svg: null,
      columns: [t("stats.by.type"), t("stats.count"), t("stats.median"), t("stats.p90")],
      rows: d.byType.map((g) => ({
        head: words("type", keyOf(g)),
        cells: [
          countCell(g.count, keyOf(g), { type: keyOf(g) }),
          { text: num(g.medianDays) },
          { text: num(g.p90Days) },
        ],
      })),
    });
    const open = d.byAge.filter((g) => keyOf(g) !== "closed");
    const age = breakdown(
      "age",
      "dash.age",
      "ageBand",
      open,
      (k) => {
        const range = ageRange(k, today, d.query.from, d.query.to);
        return range ? { ...range, open: "true", answered: "false" } : null;
      },
      true,
    );
    age.notes.push(t("dash.ageNote"));
    sections.push(age);
    const abc = d.byProcedure.filter((g) => g.informalRate !== null || g.firstContactMedianHours !== null);
    sections.push({
      id: "abc",
      heading: t("dash.abc"),
      notes: abc.length ? [] : [t("dash.noAbc")],
      chart: abc.some((g) => g.informalRate !== null)
        ? {
            kind: "bar",
            percent: true,
            title: t("dash.informal"),
            labels: abc.map((g) => words("procedure", keyOf(g))),
            series: [
              {
                name: t("dash.informal"),
                values: abc.map((g) => (g.informalRate === null ? null : Math.round(g.informalRate * 100))),
              },
            ],
          }
        : null,
      svg: null,
      columns: [t("stats.by.procedure"), t("stats.count"), t("dash.informal"), t("dash.firstContact")],
      rows: abc.map((g) => ({
        head: words("procedure", keyOf(g)),
        cells: [
          countCell(g.count, keyOf(g), { procedure: keyOf(g) }),
          { text: percent(g.informalRate) },
          {
            text: g.firstContactMedianHours === null ? "–" : g.firstContactMedianHours.toLocaleString(locale),
          },
        ],
      })),
    });
    const areas = d.byArea.filter((g) => g.appealsUpheldRate !== null);
    const band = { low: d.target.lowPercent, high: d.target.highPercent };
    const bandText = t("dash.target", band);
    sections.push({
      id: "appeals",
      heading: t("dash.appeals"),
      notes: [
        `${bandText}. ${t(`dash.targetOf.${d.target.from}` as MessageKey)}`,
        ...(areas.length ? [] : [t("dash.noAppeals")]),
      ],
      chart: areas.length
        ? {
            kind: "bar",
            percent: true,
            title: `${t("dash.appeals")} (${bandText})`,
            labels: areas.map((g) => words("appealsArea", keyOf(g))),
            series: [
              {
                name: t("dash.upheld"),
                values: areas.map((g) => Math.round((g.appealsUpheldRate ?? 0) * 100)),
              },
            ],
            band: { ...band, label: bandText },
          }
        : null,
      svg: null,
      columns: [t("dash.area"), t("dash.upheld")],
      rows: areas.map((g) => ({
        head: words("appealsArea", keyOf(g)),
        cells: [{ text: percent(g.appealsUpheldRate) }],
      })),
    });
    sections.push(
      breakdown("outcome", "dash.byOutcome", "outcome", d.byOutcome, (k) => ({ outcome: k }), true),
    );
    sections.push(
      breakdown("channel", "dash.byChannel", "channel", d.byChannel, (k) => ({ channel: k }), false),
    );
    const svgs = await Promise.all(sections.map((s) => (s.chart ? dashboardChartSvg(s.chart) : null)));
    sections.forEach((s, i) => {
      s.svg = svgs[i] ?? null;
    });
  }
  return sections;
}
