/**
 * The admin page of the organisation's mail settings (/admin/mail-settings): the sender its
 * letters go out from and its complaint mailbox, with a button that tests the connection with the
 * form's values and says in plain words how far it got. The password field is never filled in:
 * the page says whether one is stored. Each saved change is logged by field names only, and kept
 * in the settings' list of changes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app/context.js";
import {
  DEFAULT_FOLDER,
  getMailSettings,
  type MailSettingsView,
  mailSettingsHistory,
  mailSettingsOrganisation,
  setMailSettings,
  testMailboxConnection,
} from "../app/mail-settings.js";
import type { MailboxTry } from "../app/mailbox-connection.js";
import { isAdmin } from "../domain/case-policy.js";
import { type FieldError, forbidden, KlaraError } from "../domain/errors.js";
import type { FormError } from "./form-errors.js";
import type { MessageKey, Translate } from "./i18n/messages.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

/** The form's fields, in the order of the page (the error summary follows it). */
const FIELDS = [
  "senderName",
  "senderAddress",
  "replyTo",
  "host",
  "port",
  "user",
  "password",
  "folder",
  "processedFolder",
  "quarantineFolder",
] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string> & { tls: boolean };

const text = (body: Record<string, unknown>, key: string, max = 300): string => {
  const v = body[key];
  return typeof v === "string" ? v.slice(0, max) : "";
};

function valuesOf(body: Record<string, unknown>): Values {
  const v = Object.fromEntries(FIELDS.map((f) => [f, text(body, f, f === "password" ? 600 : 300)])) as Record<
    Field,
    string
  >;
  return { ...v, tls: body.tls === "true" };
}

function valuesFrom(s: MailSettingsView): Values {
  const m = s.mailbox;
  return {
    senderName: s.senderName ?? "",
    senderAddress: s.senderAddress ?? "",
    replyTo: s.replyTo ?? "",
    host: m?.host ?? "",
    port: m ? String(m.port) : "",
    tls: m?.tls ?? true,
    user: m?.user ?? "",
    password: "",
    folder: m?.folder ?? "",
    processedFolder: m?.processedFolder ?? "",
    quarantineFolder: m?.quarantineFolder ?? "",
  };
}

/** The use case's input: a blank host is no mailbox of its own. */
function mailboxInput(v: Values) {
  return {
    host: v.host,
    port: v.port.trim() === "" ? undefined : Number(v.port.trim()),
    tls: v.tls,
    user: v.user,
    password: v.password,
    folder: v.folder,
    processedFolder: v.processedFolder,
    quarantineFolder: v.quarantineFolder,
  };
}

function inputOf(v: Values) {
  return {
    senderName: v.senderName,
    senderAddress: v.senderAddress,
    replyTo: v.replyTo,
    mailbox: v.host.trim() === "" ? null : mailboxInput(v),
  };
}

/** The use case's field errors as the form's, one per field, in the reader's language. */
function formErrors(errors: readonly FieldError[], t: Translate): FormError[] {
  const byField = new Map<string, string>();
  for (const e of errors) {
    const field = e.path.replace(/^mailbox\.?/, "") || "host";
    if (byField.has(field)) continue;
    let key: MessageKey;
    if (field === "senderAddress" && e.code === "required") key = "mailSettings.error.senderAddress.required";
    else if (field === "senderAddress" || field === "replyTo") key = "mailSettings.error.address";
    else if (
      (field === "processedFolder" || field === "quarantineFolder") &&
      /^(Not|Neither) the/.test(e.message)
    )
      key = "mailSettings.error.sameFolder";
    else if (field === "processedFolder" || field === "quarantineFolder") key = "mailSettings.error.folder";
    else key = `mailSettings.error.${field}` as MessageKey;
    byField.set(field, t(key));
  }
  return FIELDS.filter((f) => byField.has(f)).map((f) => ({ field: f, message: byField.get(f) as string }));
}

/** How the test went, in plain words. */
function outcomeText(t: Translate, r: MailboxTry, v: Values): string {
  const port = v.port.trim() || (v.tls ? "993" : "143");
  return t(`mailSettings.outcome.${r.outcome}` as MessageKey, {
    host: v.host.trim(),
    port,
    folder: v.folder.trim() || DEFAULT_FOLDER,
    count: r.messages ?? 0,
  });
}

export function adminMailSettingsPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);
  const adminOnly = async (request: FastifyRequest) => {
    if (!isAdmin(actorOf(request))) throw forbidden();
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      values?: Values;
      errors?: FormError[];
      done?: string;
      tested?: { ok: boolean; text: string };
    } = {},
  ) => {
    const actor = actorOf(request);
    const ctx = staffContext(request, reply, "admin");
    const [org, settings, history] = await Promise.all([
      mailSettingsOrganisation(deps, actor),
      getMailSettings(deps, actor),
      mailSettingsHistory(deps, actor),
    ]);
    const format = new Intl.DateTimeFormat(intlLocale(ctx.lang), {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: org.timeZone,
    });
    const values = state.values ? { ...state.values, password: "" } : valuesFrom(settings);
    const errors = state.errors ?? [];
    const failure = settings.mailboxFailure;
    return renderPage(
      views,
      reply,
      "admin/mail-settings.njk",
      {
        ...ctx,
        title: ctx.t("mailSettings.title"),
        values,
        errors: Object.fromEntries(errors.map((e) => [e.field, e.message])),
        errorList: errors,
        done: state.done,
        tested: state.tested,
        passwordHint: ctx.t(
          settings.mailbox?.passwordSet ? "mailSettings.password.set" : "mailSettings.password.unset",
        ),
        failing: failure
          ? ctx.t("mailSettings.failing", {
              since: format.format(new Date(failure.since)),
              reason: outcomeText(
                ctx.t,
                { outcome: failure.reason as MailboxTry["outcome"] },
                valuesFrom(settings),
              ),
            })
          : null,
        history: history.map((h) => ({
          iso: h.at,
          when: format.format(new Date(h.at)),
          by: h.by ?? ctx.t("mailSettings.history.unknown"),
          fields: h.fields.map((f) => ctx.t(`mailSettings.field.${f}` as MessageKey)).join(", "),
        })),
      },
      errors.length ? 400 : 200,
    );
  };

  app.get("/admin/mail-settings", { preHandler: [signedIn, adminOnly] }, (request, reply) =>
    show(request, reply),
  );

  app.post(
    "/admin/mail-settings",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const t = staffContext(request, reply, "admin").t;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = valuesOf(body);
      const actor = actorOf(request);
      try {
        if (body.action === "test") {
          const r = await testMailboxConnection(deps, actor, mailboxInput(values));
          return show(request, reply, {
            values,
            tested: { ok: r.outcome === "connected", text: outcomeText(t, r, values) },
          });
        }
        const { changed } = await setMailSettings(deps, actor, inputOf(values));
        // who changed which fields: names only, never a value (the password least of all)
        if (changed.length)
          request.log.info(
            {
              event: "mail-settings-changed",
              organisation: actor.organisationId,
              person: actor.personId,
              fields: changed,
            },
            "mail settings changed",
          );
        return show(request, reply, {
          done: t(changed.length ? "mailSettings.saved" : "mailSettings.unchanged"),
        });
      } catch (error) {
        if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
        return show(request, reply, { values, errors: formErrors(error.details.fieldErrors ?? [], t) });
      }
    },
  );
}
