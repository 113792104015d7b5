/**
 * Message catalogues and choosing a language: an explicit choice (`?lang=` or the remembered
 * cookie) first, then the browser's Accept-Language, then the organisation's own language.
 */
import { da, type MessageKey, type Messages } from "./da.js";
import { en } from "./en.js";
import { nb } from "./nb.js";

export type Language = "da" | "nb" | "en";
export const LANGUAGES: readonly Language[] = ["da", "nb", "en"];
const CATALOGUES: Record<Language, Messages> = { da, nb, en };

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const messages = CATALOGUES[language];
  return (key, params) =>
    (messages[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}

/** The first supported language of an Accept-Language header, by its q weights. */
export function fromAcceptLanguage(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (primary === "da") return "da";
    if (primary === "nb" || primary === "no" || primary === "nn") return "nb";
    if (primary === "en") return "en";
  }
  return null;
}

export function chooseLanguage(input: {
  query?: unknown;
  cookie?: unknown;
  acceptLanguage?: string | undefined;
  fallback: Language;
}): Language {
  if (isLanguage(input.query)) return input.query;
  if (isLanguage(input.cookie)) return input.cookie;
  return fromAcceptLanguage(input.acceptLanguage) ?? input.fallback;
}

export type { MessageKey };

/**
 * A text an organisation wrote in some of the languages (a category's or task's name): the
 * reader's language, else Danish, Norwegian or English, else the fallback (usually its code).
 */
export function inLanguage(
  text: Partial<Record<Language, string>> | undefined,
  lang: Language,
  fallback: string,
): string {
  return text?.[lang] || text?.da || text?.nb || text?.en || fallback;
}

/** The catalogue's text for `key`, or `fallback` where the catalogue has none (a code of a procedure's own). */
export function translateOr(t: Translate, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}
