/** pdfkit, loaded by the first PDF rather than at start-up (decision 0028). */
import type PDFDocument from "pdfkit";
import { lazy } from "./lazy-module.js";

export const pdfKit = lazy(async (): Promise<typeof PDFDocument> => (await import("pdfkit")).default);
