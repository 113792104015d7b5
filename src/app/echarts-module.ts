/** Apache ECharts, loaded by the first chart rather than at start-up (decision 0028). */
import type * as ECharts from "echarts";
import { lazy } from "./lazy-module.js";

export const echartsModule = lazy((): Promise<typeof ECharts> => import("echarts"));
