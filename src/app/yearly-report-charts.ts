/**
 * The yearly report's charts as SVG, rendered on the server by Apache ECharts (no browser, no
 * script in the page). Labels are escaped by ECharts' SVG renderer; the same numbers stand beside
 * each chart as a table for screen readers.
 */
import { echartsModule } from "./echarts-module.js";

export interface ChartSeries {
  name: string;
  /** null: not shown (the small-cell rule), a gap in the chart */
  values: readonly (number | null)[];
}

export interface ChartSpec {
  kind: "bar" | "line";
  /** the chart's accessible name */
  title: string;
  labels: readonly string[];
  series: readonly ChartSeries[];
}

const COLOURS = ["#0059b3", "#8a8a8a"];

export async function chartSvg(spec: ChartSpec, width = 640, height = 300): Promise<string> {
  const echarts = await echartsModule();
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: COLOURS,
      aria: { enabled: true, label: { description: spec.title } },
      legend: spec.series.length > 1 ? { bottom: 0 } : undefined,
      grid: { left: 48, right: 16, top: 24, bottom: spec.series.length > 1 ? 64 : 48, containLabel: true },
      xAxis: {
        type: "category",
        data: [...spec.labels],
        axisLabel: { interval: 0, rotate: spec.labels.length > 6 ? 30 : 0 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: spec.series.map((s) => ({
        name: s.name,
        type: spec.kind,
        data: [...s.values],
        label: { show: spec.kind === "bar" && spec.series.length === 1, position: "top" },
      })),
    });
    // the ecmeta_* attributes serve ECharts' browser hydration, which the page does not use;
    // they are not valid SVG in HTML
    return chart.renderToSVGString().replace(/ ecmeta_[a-z_]+="[^"]*"/g, "");
  } finally {
    chart.dispose();
  }
}
