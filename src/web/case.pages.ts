/**
 * The case page: summary, deadlines with how each was computed, handlers, the journal, and one form
 * for each action the case's state allows (each posts to the same use case as the API's command).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import { listCaseDocuments } from "../app/case-documents.js";
import type { AppDeps } from "../app/context.js";
import { type CaseDetail, getCase } from "../app/get-case.js";
import { getDirectory } from "../app/get-directory.js";
import { getPublicProcedure } from "../app/public-procedures.js";
import { runCaseCommand } from "../app/run-case-command.js";
import { CommandBodies } from "../app/schemas.js";
import { KlaraError } from "../domain/errors.js";
import type { CommandName } from "../domain/lifecycle.js";
import { CaseType, ContactChannel, Outcome } from "../domain/vocabulary.js";
import { byField, type FormError, fromFieldErrors } from "./form-errors.js";
import type { MessageKey, Translate } from "./i18n/messages.js";
import { journalTitle } from "./journal-text.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

interface FieldSpec {
  name: string;
  kind: "text" | "textarea" | "date" | "select";
  options?: readonly string[];
  /** the message key prefix of the options' labels */
  optionLabels?: string;
}

/** The commands the pages offer, and their fields. The rest are in the API for now. */
const WEB_COMMANDS: Partial<Record<CommandName, FieldSpec[]>> = {
  "confirm-complaint": [],
  "mark-not-a-complaint": [{ name: "reason", kind: "textarea" }],
  acknowledge: [],
  classify: [
    { name: "type", kind: "select", options: CaseType.options, optionLabels: "type" },
    { name: "category", kind: "text" },
  ],
  assign: [],
  "record-contact": [
    { name: "channel", kind: "select", options: ContactChannel.options, optionLabels: "contact" },
    { name: "note", kind: "textarea" },
  ],
  "add-note": [
    { name: "title", kind: "text" },
    { name: "body", kind: "textarea" },
  ],
  "submit-draft": [{ name: "body", kind: "textarea" }],
  approve: [],
  "return-draft": [{ name: "reason", kind: "textarea" }],
  "send-reply": [
    { name: "outcome", kind: "select", options: Outcome.options, optionLabels: "outcome" },
    { name: "measures", kind: "textarea" },
  ],
  "notify-delay": [
    { name: "reason", kind: "textarea" },
    { name: "newDueDate", kind: "date" },
  ],
  "forward-to-appeals-board": [],
  link: [
    { name: "case", kind: "text" },
    { name: "lead", kind: "select", options: ["false", "true"], optionLabels: "lead" },
  ],
  withdraw: [{ name: "reason", kind: "textarea" }],
  close: [],
  reopen: [{ name: "reason", kind: "textarea" }],
};

/** The posted fields as the command's body: blanks left out, a contact's time is now. */
function commandBody(
  command: CommandName,
  form: Record<string, string>,
  now: string,
  actor: { personId: string; roles: readonly string[] },
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of WEB_COMMANDS[command] ?? []) {
    const v = form[f.name]?.trim();
    if (v) body[f.name] = v;
  }
  if (command === "record-contact") body.at = now;
  if (command === "link") body.lead = form.lead === "true";
  if (command === "assign") {
    // up to three named handlers, each with their part; none named: the procedure routes it
    const handlers = [1, 2, 3]
      .map((n) => ({ person: form[`handler${n}`]?.trim() ?? "", part: form[`part${n}`]?.trim() ?? "" }))
      .filter((h) => h.person !== "")
      .map((h) => (h.part ? h : { person: h.person }));
    if (handlers.length) body.handlers = handlers;
    // several handlers need a coordinator for the combined reply: a coordinator assigning is it
    if (handlers.length > 1 && actor.roles.includes("coordinator")) body.coordinator = actor.personId;
  }
  return body;
}

/** "in 3 days", "today", "2 days overdue": a deadline's distance from today, local time. */
function countdown(dueDate: string, today: string, t: Translate): string {
  const days = Temporal.PlainDate.from(today).until(Temporal.PlainDate.from(dueDate), {
    largestUnit: "days",
  }).days;
  if (days === 0) return t("staff.case.today");
  if (days === 1) return t("staff.case.in1");
  return days > 0 ? t("staff.case.in", { n: days }) : t("staff.case.over", { n: -days });
}

interface CaseFormState {
  command: CommandName;
  values: Record<string, string>;
  errors: FormError[];
}

export function casePages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: CaseFormState | null,
    done?: string,
  ) => {
    const actor = actorOf(request);
    const ctx = staffContext(request, reply, "cases");
    const detail: CaseDetail = await getCase(deps, actor, id);
    const [directory, procedure, documents] = await Promise.all([
      getDirectory(deps, actor),
      getPublicProcedure(deps, detail.case.procedureId),
      listCaseDocuments(deps, actor, id),
    ]);
    const names = new Map(directory.people.map((p) => [p.id, p.name]));
    const tz = procedure.organisation.timeZone;
    const locale = intlLocale(ctx.lang);
    const day = (d: string) =>
      Temporal.PlainDate.from(d).toLocaleString(locale, {
        weekday: "short",
        day: "numeric",
        month: "long",
        year: "numeric",
      });
    const moment = (i: string) =>
      Temporal.Instant.from(i)
        .toZonedDateTimeISO(tz)
        .toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
    const c = detail.case;
    const today = deps.clock.now().toZonedDateTimeISO(tz).toPlainDate().toString();
    const handlerPeople = directory.people.filter((p) => p.roles.includes("handler"));
    // the coordinator of a case with several handlers starts the combined reply from their parts
    const combines =
      c.handlers.length > 1 && (c.coordinatorId === actor.personId || actor.roles.includes("coordinator"));
    const combinedDraft = combines
      ? c.handlers.map((h) => `${h.part}\n\n${h.partReply?.body ?? ""}`.trim()).join("\n\n")
      : "";
    const errors = state
      ? byField(
          state.errors,
          (WEB_COMMANDS[state.command] ?? []).map((f) => f.name),
        )
      : null;
    const actions = detail.allowedCommands
      .filter((command) => WEB_COMMANDS[command] !== undefined)
      .map((command) => ({
        command,
        label: ctx.t(`command.${command}` as MessageKey),
        fields: (WEB_COMMANDS[command] ?? []).map((f) => ({
          ...f,
          label: ctx.t(`field.${f.name}` as MessageKey),
          value:
            state?.command === command
              ? (state.values[f.name] ?? "")
              : command === "submit-draft" && f.name === "body"
                ? combinedDraft
                : "",
          error: state?.command === command ? errors?.map[f.name] : undefined,
          options: f.options?.map((o) => ({ value: o, text: ctx.t(`${f.optionLabels}.${o}` as MessageKey) })),
        })),
        handlerRows:
          command === "assign"
            ? [1, 2, 3].map((n) => ({
                n,
                handlerLabel: ctx.t("field.handler", { n }),
                partLabel: ctx.t("field.part", { n }),
                part: state?.command === command ? (state.values[`part${n}`] ?? "") : "",
                options: [
                  { value: "", text: ctx.t("staff.case.routing") },
                  ...handlerPeople.map((p) => ({
                    value: p.id,
                    text: p.name,
                    selected: state?.command === command && state.values[`handler${n}`] === p.id,
                  })),
                ],
              }))
            : [],
      }));
    return renderPage(
      views,
      reply,
      "staff/case.njk",
      {
        ...ctx,
        title: `${c.reference}: ${c.subject}`,
        c,
        done,
        statusText: ctx.t(`state.${c.status}` as MessageKey),
        typeText: ctx.t(`type.${c.type}` as MessageKey),
        procedureName: procedure.procedure.name,
        received: moment(c.receivedAt),
        deadlines: c.deadlines.map((d) => ({
          name: ctx.t(`deadline.${d.kind}` as MessageKey),
          due: day(d.dueDate),
          original:
            d.originalDueDate !== d.dueDate
              ? ctx.t("staff.case.original", { date: day(d.originalDueDate) })
              : null,
          state: d.metAt
            ? ctx.t("staff.case.met", { date: moment(d.metAt) })
            : d.kind === "complaintWindow"
              ? ""
              : `${d.missedAt ? `${ctx.t("staff.case.missed")}, ` : ""}${countdown(d.dueDate, today, ctx.t)}`,
          explanation: d.explanation,
        })),
        handlers: c.handlers.map((h) => ({
          name: names.get(h.personId) ?? h.personId,
          part: h.part,
          partReply: h.partReply?.body ?? null,
        })),
        draft: c.draft
          ? {
              body: c.draft.body,
              approvals: c.draft.approvals.map((a) => names.get(a.personId) ?? a.personId).join(", "),
            }
          : null,
        returned: c.lastReturnReason ? ctx.t("staff.case.returned", { reason: c.lastReturnReason }) : null,
        links: c.links.map((l) => ({
          id: l.caseId,
          reference: detail.linkedReferences.get(l.caseId) ?? l.caseId,
          lead:
            l.leadCaseId && l.leadCaseId !== c.id
              ? ctx.t("staff.case.lead", { reference: detail.linkedReferences.get(l.leadCaseId) ?? "" })
              : null,
        })),
        documents: documents.map((d) => ({
          id: d.id,
          label: ctx.t("staff.case.download", { name: d.filename }),
          detail: `${d.mediaType}, ${Math.ceil(d.size / 1024)} kB, SHA-256 ${d.sha256.slice(0, 16)}…`,
        })),
        actions,
        journal: [...detail.journal]
          .reverse()
          .map((e) => ({ ...e, title: journalTitle(e.title, ctx.t), at: moment(e.at) })),
        errors: errors?.map ?? {},
        errorList: (errors?.list ?? []).map((e) => ({
          ...e,
          field: e.field ? `${state?.command}-${e.field}` : `action-${state?.command}`,
        })),
      },
      state ? 400 : 200,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    "/cases/:id",
    { preHandler: signedIn },
    async (request, reply) => {
      const t = staffContext(request, reply, "cases").t;
      const done = request.query.done;
      const doneText =
        done && done in WEB_COMMANDS
          ? t("staff.case.done", { action: t(`command.${done}` as MessageKey) })
          : undefined;
      return show(request, reply, request.params.id, null, doneText);
    },
  );

  app.post<{ Params: { id: string; command: string } }>(
    "/cases/:id/commands/:command",
    { preHandler: [app.csrfProtection, signedIn] },
    async (request, reply) => {
      const command = request.params.command as CommandName;
      if (!(command in WEB_COMMANDS)) throw new KlaraError("not_found", "No such action.");
      const t: Translate = staffContext(request, reply, "cases").t;
      const values = Object.fromEntries(
        Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
          ([, v]) => typeof v === "string",
        ),
      ) as Record<string, string>;
      const body = commandBody(
        command,
        values,
        deps.clock.now().toString({ smallestUnit: "millisecond" }),
        actorOf(request),
      );
      const parsed = CommandBodies[command].safeParse(body);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => {
          const field = String(i.path[0] ?? "");
          const message =
            field === "newDueDate"
              ? t("error.date")
              : t(i.code === "invalid_value" ? "error.invalid" : "error.required");
          return { field, message };
        });
        return show(request, reply, request.params.id, { command, values, errors });
      }
      try {
        await runCaseCommand(deps, actorOf(request), request.params.id, command, parsed.data);
      } catch (error) {
        if (
          error instanceof KlaraError &&
          (error.code === "invalid_input" || error.code === "invalid_state" || error.code === "conflict")
        ) {
          const fieldErrors = fromFieldErrors(error.details.fieldErrors ?? [], t);
          const errors = fieldErrors.length
            ? fieldErrors
            : [{ field: "", message: t("staff.conflict", { reason: error.message }) }];
          return show(request, reply, request.params.id, { command, values, errors });
        }
        throw error;
      }
      return reply.redirect(`/cases/${encodeURIComponent(request.params.id)}?done=${command}`, 303);
    },
  );
}
