/**
 * The admin page of the local mail capture (/admin/mail): with no SMTP server configured (the
 * demo) every letter Klara delivered is kept here with its recipient, subject and exact text, so a
 * newcomer sees what the demo sends. Admins only: the letters hold personal data. And the letter
 * templates per procedure (/admin/letters/:procedure/:letter): the text in the organisation's
 * language, a preview with example values, and a save that refuses an unknown merge field by name.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app/context.js";
import { listCapturedLetters } from "../app/letter-capture.js";
import { letterTemplates, previewLetterTemplate, saveLetterTemplate } from "../app/letter-templates.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden, KlaraError } from "../domain/errors.js";
import { MERGE_FIELDS, unknownMergeFields } from "../domain/letters/render-template.js";
import type { MessageKey } from "./i18n/messages.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

export function adminMailPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);
  const adminOnly = async (request: FastifyRequest) => {
    if (!isAdmin(actorOf(request))) throw forbidden();
  };
  letterTemplatePages(app, deps, views, signedIn, adminOnly);
  app.get("/admin/mail", { preHandler: [signedIn, adminOnly] }, async (request, reply) => {
    const ctx = staffContext(request, reply, "admin");
    const { timeZone, letters } = await listCapturedLetters(deps, actorOf(request));
    const format = new Intl.DateTimeFormat(intlLocale(ctx.lang), {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone,
    });
    return renderPage(views, reply, "admin/mail.njk", {
      ...ctx,
      title: ctx.t("mail.capture.title"),
      letters: letters.map((l) => ({
        ...l,
        at: l.capturedAt ? format.format(new Date(l.capturedAt)) : "",
      })),
    });
  });
}

type Params = { procedure: string; letter: string };

function letterTemplatePages(
  app: FastifyInstance,
  deps: AppDeps,
  views: Views,
  signedIn: ReturnType<typeof requireSignIn>,
  adminOnly: (request: FastifyRequest) => Promise<void>,
): void {
  const letterName = (t: (k: MessageKey) => string, key: string) => t(`letter.${key}` as MessageKey);

  const show = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    state: { text?: string; preview?: { subject: string; body: string }; error?: string; done?: string } = {},
  ) => {
    const ctx = staffContext(request, reply, "admin");
    const { procedure, letter } = request.params;
    const all = await letterTemplates(deps, actorOf(request), procedure);
    const current = all.letters.find((l) => l.key === letter);
    if (!current) return reply.callNotFound();
    return renderPage(
      views,
      reply,
      "admin/letter-template.njk",
      {
        ...ctx,
        title: ctx.t("mail.template.title", {
          letter: letterName(ctx.t, letter),
          procedure: all.procedure.name,
        }),
        procedure: all.procedure,
        letter: { key: letter, name: letterName(ctx.t, letter), own: current.own },
        others: all.letters.map((l) => ({
          key: l.key,
          name: letterName(ctx.t, l.key),
          current: l.key === letter,
        })),
        fields: MERGE_FIELDS.map((f) => `{{${f}}}`).join(" "),
        text: state.text ?? current.text,
        preview: state.preview ?? null,
        errors: state.error ? { text: state.error } : {},
        errorList: state.error ? [{ field: "text", message: state.error }] : [],
        done: state.done,
        language: all.language,
      },
      state.error ? 400 : 200,
    );
  };

  app.get<{ Params: Params }>(
    "/admin/letters/:procedure/:letter",
    { preHandler: [signedIn, adminOnly] },
    (request, reply) => show(request, reply),
  );

  app.post<{ Params: Params }>(
    "/admin/letters/:procedure/:letter",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const t = staffContext(request, reply, "admin").t;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const text = typeof body.text === "string" ? body.text.slice(0, 20_000) : "";
      const { procedure, letter } = request.params;
      try {
        if (body.action === "save") {
          const version = await saveLetterTemplate(deps, actorOf(request), procedure, letter, text);
          return show(request, reply, { done: t("mail.template.saved", { version }) });
        }
        const preview = await previewLetterTemplate(deps, actorOf(request), procedure, letter, text);
        return show(request, reply, { text, preview });
      } catch (error) {
        if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
        const unknown = unknownMergeFields(text);
        const message = unknown.length
          ? t("mail.template.unknownField", { fields: unknown.map((f) => `{{${f}}}`).join(", ") })
          : t("error.required");
        return show(request, reply, { text, error: message });
      }
    },
  );
}
