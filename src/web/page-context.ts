/** Per request: the language, the translate function and the language links of the layout. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Locale } from "../domain/organisation.js";
import {
  chooseLanguage,
  isLanguage,
  LANGUAGES,
  type Language,
  type Translate,
  translator,
} from "./i18n/messages.js";

export const LANGUAGE_COOKIE = "klara_lang";

export interface PageContext {
  lang: Language;
  t: Translate;
  languages: { code: Language; name: string; href: string; current: boolean }[];
}

/** An explicit choice (`?lang=`) is remembered for the next pages; set for every page in one hook. */
export function rememberLanguage(secure: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const choice = ((request.query ?? {}) as Record<string, unknown>).lang;
    if (isLanguage(choice)) {
      reply.setCookie(LANGUAGE_COOKIE, choice, {
        path: "/",
        sameSite: "lax",
        httpOnly: true,
        secure,
        maxAge: 31_536_000,
      });
    }
  };
}

export function pageContext(request: FastifyRequest, fallback: Locale = "da"): PageContext {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const lang = chooseLanguage({
    query: query.lang,
    cookie: request.cookies?.[LANGUAGE_COOKIE],
    acceptLanguage: request.headers["accept-language"],
    fallback,
  });
  const t = translator(lang);
  const url = new URL(request.url, "http://klara.invalid");
  const languages = LANGUAGES.map((code) => {
    url.searchParams.set("lang", code);
    return { code, name: t(`lang.${code}`), href: `${url.pathname}${url.search}`, current: code === lang };
  });
  return { lang, t, languages };
}

const INTL_LOCALE: Record<Language, string> = { da: "da-DK", nb: "nb-NO", en: "en-GB" };
export const intlLocale = (lang: Language) => INTL_LOCALE[lang];
