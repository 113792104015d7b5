/**
 * The case page: summary, deadlines with how each was computed, handlers, the journal, and one form
 * for each action the case's state allows (each posts to the same use case as the API's command).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import { CASE_COMMANDS } from "../app/case-command.registry.js";
import { listCaseDocuments } from "../app/case-documents.js";
import type { AppDeps } from "../app/context.js";
import { type CaseDetail, getCase } from "../app/get-case.js";
import { getDirectory } from "../app/get-directory.js";
import { linkProposals } from "../app/link-proposals.js";
import { getPublicProcedure } from "../app/public-procedures.js";
import { runCaseCommand } from "../app/run-case-command.js";
import {
  type ComplaintCase,
  type DecisionComplainedOf,
  maskNationalId,
  nextDeadline,
} from "../domain/case.js";
import { KlaraError } from "../domain/errors.js";
import type { Category } from "../domain/procedure.js";
import {
  type CaseFormState,
  commandBody,
  fieldMessage,
  fieldNamesOf,
  isWebCommand,
  offeredActions,
} from "./case-actions.js";
import { deadlineExplanation } from "./deadline-text.js";
import { byField, fromFieldErrors } from "./form-errors.js";
import { inLanguage, type Language, type MessageKey, type Translate, translateOr } from "./i18n/messages.js";
import { journalBody, journalTitle } from "./journal-text.js";
import { lettersOnCase } from "./letters-text.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

/** "in 3 days", "today", "2 days overdue": a deadline's distance from today, local time. */
function countdown(dueDate: string, today: string, t: Translate): string {
  const days = Temporal.PlainDate.from(today).until(Temporal.PlainDate.from(dueDate), {
    largestUnit: "days",
  }).days;
  if (days === 0) return t("staff.case.today");
  if (days === 1) return t("staff.case.in1");
  return days > 0 ? t("staff.case.in", { n: days }) : t("staff.case.over", { n: -days });
}

/** "Next: Reply to the complaint by Wed 1 April (in 3 days)": the nearest deadline still running. */
function nextStep(c: ComplaintCase, today: string, t: Translate, day: (d: string) => string): string | null {
  const next = nextDeadline(c);
  if (!next) return null;
  return t("staff.case.next", {
    deadline: t(`deadline.${next.kind}` as MessageKey),
    date: day(next.dueDate),
    when: countdown(next.dueDate, today, t),
  });
}

/** A category's name in the reader's language, as the case's procedure version names it. */
function categoryName(categories: readonly Category[], code: string | null, lang: Language): string {
  if (!code) return "";
  const name = categories.find((c) => c.code === code)?.name;
  return inLanguage(name, lang, code);
}

/** "Awaiting approval (director) by: Dorthe Direktør": who the draft waits for. */
function expectedApprovalText(detail: CaseDetail, t: Translate): string | null {
  const expected = detail.expectedApproval;
  if (!expected?.people) return null;
  // the shipped stages' names in the reader's language; an authority's own stage as written
  const stage = translateOr(t, `approvalStage.${expected.stage.name}`, expected.stage.name);
  return expected.people.length
    ? t("staff.case.expectedApproval", { stage, people: expected.people.map((p) => p.name).join(", ") })
    : t("staff.case.expectedApprovalNobody", { stage });
}

/** "of Fri 6 March 2026, ref. AF-17, area: parking, fast track": the decision complained of, in words. */
function decisionFacts(d: DecisionComplainedOf, t: Translate, day: (d: string) => string): string {
  return [
    d.date ? t("caseworker.decision.date", { date: day(d.date) }) : null,
    d.reference ? t("caseworker.decision.reference", { reference: d.reference }) : null,
    d.area ? t("caseworker.decision.area", { area: d.area }) : null,
    d.fastTrack ? t("caseworker.decision.fastTrack") : null,
  ]
    .filter(Boolean)
    .join(", ");
}

/** The engine's reason in the reader's language, by its code; a reason without one as written. */
function refusalReason(error: KlaraError, t: Translate): string {
  return error.details.reason
    ? translateOr(t, `refusal.${error.details.reason}`, error.message)
    : error.message;
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
    const [directory, procedure, documents, proposals] = await Promise.all([
      getDirectory(deps, actor),
      getPublicProcedure(deps, detail.case.procedureId),
      listCaseDocuments(deps, actor, id),
      linkProposals(deps, detail.case),
    ]);
    const mayLink = detail.allowedCommands.includes("link");
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
    const shortDay = (d: Temporal.PlainDate, withYear: boolean) =>
      d.toLocaleString(locale, {
        weekday: "short",
        day: "numeric",
        month: "short",
        ...(withYear ? { year: "numeric" } : {}),
      });
    const shortIsoDay = (d: string) => shortDay(Temporal.PlainDate.from(d), true);
    const moment = (i: string) =>
      Temporal.Instant.from(i)
        .toZonedDateTimeISO(tz)
        .toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
    const c = detail.case;
    const taskTitle = (key: string) => {
      const title = detail.taskDefinitions.find((d) => d.key === key)?.title;
      return inLanguage(title, ctx.lang, key);
    };
    const today = deps.clock.now().toZonedDateTimeISO(tz).toPlainDate().toString();
    const handlerPeople = directory.people.filter((p) => p.roles.includes("handler"));
    // the coordinator of a case with several handlers starts the combined reply from their parts
    const combines =
      c.handlers.length > 1 && (c.coordinatorId === actor.personId || actor.roles.includes("coordinator"));
    const combinedDraft = combines
      ? c.handlers.map((h) => `${h.part}\n\n${h.partReply?.body ?? ""}`.trim()).join("\n\n")
      : "";
    const errors = state ? byField(state.errors, fieldNamesOf(state.command)) : null;
    const actions = offeredActions(detail, {
      t: ctx.t,
      lang: ctx.lang,
      me: actor,
      state,
      errors: errors?.map,
      combinedDraft,
      handlerPeople,
    });
    return renderPage(
      views,
      reply,
      "staff/case.njk",
      {
        ...ctx,
        title: `${c.reference}: ${c.subject}`,
        // the page gets the national id masked only: it can never be shown in full by mistake
        c: { ...c, complainant: { ...c.complainant, nationalId: maskNationalId(c.complainant.nationalId) } },
        done,
        statusText: ctx.t(`state.${c.status}` as MessageKey),
        typeText: ctx.t(`type.${c.type}` as MessageKey),
        channelText: ctx.t(`channel.${c.channel}` as MessageKey),
        categoryText: categoryName(detail.categories, c.category, ctx.lang),
        procedureName: procedure.procedure.name,
        received: moment(c.receivedAt),
        next: nextStep(c, today, ctx.t, day),
        unitName: c.unitId
          ? (directory.units.find((u) => u.id === c.unitId)?.name ?? c.unitId)
          : ctx.t("caseworker.unit.none"),
        decisionText: c.decision ? decisionFacts(c.decision, ctx.t, day) : null,
        late: c.decision?.late === true,
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
          explanation: deadlineExplanation(d.explanation, ctx.t, shortDay, d.reckoning),
        })),
        tasks: c.tasks.map((task) => {
          return {
            title: taskTitle(task.key),
            state: task.waived
              ? ctx.t("staff.case.taskWaived")
              : task.doneAt
                ? ctx.t("staff.case.taskDone", {
                    date: moment(task.doneAt),
                    name: names.get(task.byId ?? "") ?? "",
                  })
                : ctx.t("staff.case.taskOpen"),
            note: task.note ?? "",
          };
        }),
        reassessment: c.reassessment
          ? {
              result: ctx.t(`reassessment.${c.reassessment.result}` as MessageKey),
              at: moment(c.reassessment.decidedAt),
              body: c.reassessment.body,
            }
          : null,
        appealsBoard: c.appealsBoard
          ? {
              forwarded: ctx.t("staff.case.forwarded", { date: moment(c.appealsBoard.forwardedAt) }),
              result:
                c.appealsBoard.result && c.appealsBoard.decidedAt
                  ? ctx.t("staff.case.boardResult", {
                      result: ctx.t(`appeals.${c.appealsBoard.result}` as MessageKey),
                      date: day(c.appealsBoard.decidedAt),
                    })
                  : null,
            }
          : null,
        handlers: c.handlers.map((h) => ({
          name: names.get(h.personId) ?? h.personId,
          part: h.part,
          partReply: h.partReply?.body ?? null,
        })),
        // handlers without an account and whether their personal link works (decision 0017)
        externalHandlers: detail.externalHandlers.map((x) => ({
          name: x.name,
          email: x.email,
          state: ctx.t(`externalHandler.${x.state}` as MessageKey, { date: moment(x.expiresAt) }),
        })),
        draft: c.draft
          ? {
              body: c.draft.body,
              approvals: c.draft.approvals.map((a) => names.get(a.personId) ?? a.personId).join(", "),
              expected: expectedApprovalText(detail, ctx.t),
            }
          : null,
        returned: c.lastReturnReason ? ctx.t("staff.case.returned", { reason: c.lastReturnReason }) : null,
        proposals: proposals.map((p) => ({
          ...p,
          why: p.reasons.map((r) => ctx.t(`staff.case.proposal.${r}`)).join(", "),
          linkLabel: ctx.t("staff.case.proposal.link", { reference: p.reference }),
        })),
        mayLink,
        // a linked case the reader may not see is named only as such, never by id or reference
        links: detail.links.map((l) => ({
          id: l.caseId,
          reference: l.reference ?? ctx.t("staff.case.linkedConfidential"),
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
        letters: lettersOnCase(detail.letters, ctx.t, moment),
        journal: [...detail.journal].reverse().map((e) => ({
          ...e,
          title: journalTitle(
            e.title,
            ctx.t,
            { task: taskTitle, moment, day: shortIsoDay, lang: ctx.lang },
            e.event,
          ),
          body: journalBody(e, ctx.t, shortDay, { moment, day: shortIsoDay }),
          at: moment(e.at),
        })),
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
        done && isWebCommand(done)
          ? t("staff.case.done", { action: t(`command.${done}` as MessageKey) })
          : undefined;
      return show(request, reply, request.params.id, null, doneText);
    },
  );

  app.post<{ Params: { id: string; command: string } }>(
    "/cases/:id/commands/:command",
    { preHandler: [app.csrfProtection, signedIn] },
    async (request, reply) => {
      const command = request.params.command;
      if (!isWebCommand(command)) throw new KlaraError("not_found", "No such action.");
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
      const parsed = CASE_COMMANDS[command].body.safeParse(body);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => {
          const field = String(i.path[0] ?? "");
          return { field, message: fieldMessage(command, field, i.code, t) };
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
            : [{ field: "", message: t("staff.conflict", { reason: refusalReason(error, t) }) }];
          return show(request, reply, request.params.id, { command, values, errors });
        }
        throw error;
      }
      return reply.redirect(`/cases/${encodeURIComponent(request.params.id)}?done=${command}`, 303);
    },
  );
}
