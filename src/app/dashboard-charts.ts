/**
 * The dashboard's charts as SVG, rendered on the server by Apache ECharts the way the yearly
 * report's are (no browser, no script): bars, lines, stacked bars for deadline compliance and the
 * appeals board's rate with its target band drawn as a shaded area between two marked lines. A
 * rendered chart is kept for a minute by its spec (same numbers and words, same SVG), so a page
 * shown again costs no rendering.
 */
import { echartsModule } from "./echarts-module.js";

export interface DashboardSeries {
  name: string;
  /** null: not shown (the small-cell rule), a gap in the chart */
  values: readonly (number | null)[];
  /** a dashed line (the baseline period) */
  dashed?: boolean;
}

export interface DashboardChart {
  kind: "bar" | "line" | "stacked";
  /** the chart's accessible name */
  title: string;
  labels: readonly string[];
  series: readonly DashboardSeries[];
  /** values are percentages: the axis runs 0–100 with a % sign */
  percent?: boolean;
  /** the target band, drawn across the chart (percent charts) */
  band?: { low: number; high: number; label: string };
  /** a second row of labels for the baseline series (its own months) */
  baselineLabels?: readonly string[];
}

const COLOURS = ["#0059b3", "#8a8a8a", "#b30000", "#006b2d"];
const TTL_MS = 60_000;
const MAX_CACHED = 200;
const cache = new Map<string, { svg: string; at: number }>();

export async function dashboardChartSvg(
  spec: DashboardChart,
  width = 640,
  height = 300,
  now = Date.now(),
): Promise<string> {
  const key = JSON.stringify([spec, width, height]);
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.svg;
  const svg = render(await echartsModule(), spec, width, height);
  if (cache.size >= MAX_CACHED) {
    for (const [k, v] of cache) if (now - v.at >= TTL_MS || cache.size >= MAX_CACHED) cache.delete(k);
  }
  cache.set(key, { svg, at: now });
  return svg;
}

function render(
  echarts: Awaited<ReturnType<typeof echartsModule>>,
  spec: DashboardChart,
  width: number,
  height: number,
): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  const many = spec.series.length > 1;
  try {
    chart.setOption({
      animation: false,
      color: spec.kind === "stacked" ? ["#006b2d", "#c28e00", "#b30000"] : COLOURS,
      aria: { enabled: true, label: { description: spec.title } },
      legend: many ? { bottom: 0 } : undefined,
      grid: { left: 48, right: spec.band ? 96 : 16, top: 24, bottom: many ? 64 : 48, containLabel: true },
      xAxis: {
        type: "category",
        data: [...spec.labels],
        axisLabel: { interval: 0, rotate: spec.labels.length > 6 ? 30 : 0 },
      },
      yAxis: spec.percent
        ? { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value} %" } }
        : { type: "value", minInterval: 1 },
      series: spec.series.map((s, i) => ({
        name: s.name,
        type: spec.kind === "line" ? "line" : "bar",
        ...(spec.kind === "stacked" ? { stack: "all" } : {}),
        data: [...s.values],
        lineStyle: s.dashed ? { type: "dashed" } : undefined,
        label: {
          show: spec.kind !== "line" && (!many || spec.kind === "stacked"),
          position: spec.kind === "stacked" ? "inside" : "top",
          formatter: spec.percent ? "{c} %" : "{c}",
        },
        ...(i === 0 && spec.band ? bandOf(spec.band) : {}),
      })),
    });
    return forStrictPages(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** The target band: a shaded area between the two values, each edge a marked line with its value. */
function bandOf(band: NonNullable<DashboardChart["band"]>) {
  return {
    markArea: {
      silent: true,
      itemStyle: { color: "rgba(0, 107, 45, 0.15)" },
      label: { show: true, position: "insideRight", formatter: band.label, color: "#004d20" },
      data: [[{ yAxis: band.low }, { yAxis: band.high }]],
    },
    markLine: {
      silent: true,
      symbol: "none",
      lineStyle: { color: "#006b2d", type: "dashed" },
      label: { formatter: "{c} %", position: "end" },
      data: [{ yAxis: band.low }, { yAxis: band.high }],
    },
  };
}

/**
 * The SVG made fit for pages whose content security policy allows no inline style: the hover
 * rules' <style> element goes (the page has no hover), a style attribute becomes presentation
 * attributes (font-size="12px"), which the policy does not touch. The ecmeta_* attributes serve
 * ECharts' browser hydration, which the page does not use; they are not valid SVG in HTML.
 */
export function forStrictPages(svg: string): string {
  return svg
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, "")
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, "")
    .replace(/ style="([^"]*)"/g, (_, css: string) =>
      css
        .split(";")
        .map((rule) => rule.split(":").map((part) => part.trim()))
        .filter(([name, value]) => name && value && /^[a-z-]+$/.test(name))
        .map(([name, value]) => ` ${name}="${value}"`)
        .join(""),
    );
}
