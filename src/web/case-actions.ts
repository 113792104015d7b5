/**
 * The action forms of the case page: which commands a person is offered on a case, the fields of
 * each, and how a posted form becomes the command's body. The use case decides; this only spares
 * people forms they could not use (a role they lack, a task already done, nothing forwarded yet).
 */

import type { Actor } from "../app/actor.js";
import { mayRunCommand } from "../app/command-permissions.js";
import type { CaseDetail } from "../app/get-case.js";
import type { CommandName } from "../domain/lifecycle.js";
import type { Locale } from "../domain/organisation.js";
import {
  AppealsResult,
  CaseType,
  ContactChannel,
  Outcome,
  ReassessmentResult,
} from "../domain/vocabulary.js";
import { inLanguage, type MessageKey, type Translate, translateOr } from "./i18n/messages.js";

interface FieldSpec {
  name: string;
  kind: "text" | "textarea" | "date" | "select" | "checkboxes";
  options?: readonly string[];
  /** the message key prefix of the options' labels */
  optionLabels?: string;
}

/** The commands the pages offer, and their fields. Options left out here depend on the case. */
const WEB_COMMANDS: Partial<Record<CommandName, FieldSpec[]>> = {
  "confirm-complaint": [],
  "mark-not-a-complaint": [{ name: "reason", kind: "textarea" }],
  acknowledge: [],
  classify: [
    { name: "type", kind: "select", options: CaseType.options, optionLabels: "type" },
    { name: "category", kind: "select" },
  ],
  assign: [],
  "record-contact": [
    { name: "channel", kind: "select", options: ContactChannel.options, optionLabels: "contact" },
    { name: "note", kind: "textarea" },
  ],
  "complete-task": [
    { name: "task", kind: "select" },
    { name: "note", kind: "textarea" },
  ],
  "add-note": [
    { name: "title", kind: "text" },
    { name: "body", kind: "textarea" },
  ],
  "decide-reassessment": [
    { name: "result", kind: "select", options: ReassessmentResult.options, optionLabels: "reassessment" },
    { name: "body", kind: "textarea" },
  ],
  "submit-draft": [{ name: "body", kind: "textarea" }],
  approve: [],
  "return-draft": [{ name: "reason", kind: "textarea" }],
  "send-reply": [
    // withdrawn and not-a-complaint have their own actions
    {
      name: "outcome",
      kind: "select",
      options: Outcome.options.filter((o) => o !== "withdrawn" && o !== "not_a_complaint"),
      optionLabels: "outcome",
    },
    { name: "measures", kind: "textarea" },
    { name: "resolution", kind: "select", options: ["formal", "informal"], optionLabels: "resolution" },
    { name: "rootCauses", kind: "checkboxes", optionLabels: "rootCause" },
  ],
  "notify-delay": [
    { name: "reason", kind: "textarea" },
    { name: "newDueDate", kind: "date" },
  ],
  "set-deadline": [
    { name: "kind", kind: "select", optionLabels: "deadline" },
    { name: "dueDate", kind: "date" },
    { name: "reason", kind: "textarea" },
  ],
  "forward-to-appeals-board": [],
  "record-appeals-decision": [
    { name: "result", kind: "select", options: AppealsResult.options, optionLabels: "appeals" },
    { name: "decidedAt", kind: "date" },
  ],
  link: [
    { name: "case", kind: "text" },
    { name: "lead", kind: "select", options: ["false", "true"], optionLabels: "lead" },
  ],
  withdraw: [{ name: "reason", kind: "textarea" }],
  close: [],
  reopen: [{ name: "reason", kind: "textarea" }],
};

export const isWebCommand = (name: string): name is CommandName => name in WEB_COMMANDS;

export const fieldNamesOf = (command: CommandName): string[] =>
  (WEB_COMMANDS[command] ?? []).map((f) => f.name);

/** The message for a field the command's schema refused. */
export function fieldMessage(command: CommandName, field: string, code: string, t: Translate): string {
  const spec = WEB_COMMANDS[command]?.find((f) => f.name === field);
  if (spec?.kind === "date") return t("error.date");
  return t(code === "invalid_value" ? "error.invalid" : "error.required");
}

/** The posted fields as the command's body: blanks left out, a contact's time is now. */
export function commandBody(
  command: CommandName,
  form: Record<string, string>,
  now: string,
  actor: { personId: string; roles: readonly string[] },
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of WEB_COMMANDS[command] ?? []) {
    if (f.kind === "checkboxes") {
      // each box is its own field, "<name>.<option>"
      const ticked = Object.keys(form)
        .filter((k) => k.startsWith(`${f.name}.`) && form[k] === "true")
        .map((k) => k.slice(f.name.length + 1));
      if (ticked.length) body[f.name] = ticked;
      continue;
    }
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

export interface CaseFormState {
  command: CommandName;
  values: Record<string, string>;
  errors: { field: string; message: string }[];
}

interface ActionContext {
  t: Translate;
  lang: Locale;
  me: Pick<Actor, "personId" | "roles">;
  state: CaseFormState | null;
  errors: Record<string, string> | undefined;
  /** the coordinator's combined reply, offered as the draft's starting text */
  combinedDraft: string;
  handlerPeople: { id: string; name: string }[];
}

/**
 * Options that come from the case and its procedure version: open tasks, categories, root causes,
 * running deadlines. An empty text is filled from the catalogue by the option's code.
 */
function caseOptions(command: CommandName, field: string, detail: CaseDetail, lang: Locale, t: Translate) {
  const c = detail.case;
  if (command === "complete-task" && field === "task") {
    const titles = new Map(detail.taskDefinitions.map((d) => [d.key, d.title]));
    return c.tasks
      .filter((task) => !task.doneAt)
      .map((task) => {
        const title = titles.get(task.key);
        return { value: task.key, text: inLanguage(title, lang, task.key) };
      });
  }
  if (command === "classify" && field === "category") {
    return [
      { value: "", text: t("field.category.none") },
      ...detail.categories.map((category) => ({
        value: category.code,
        text: inLanguage(category.name, lang, category.code),
      })),
    ];
  }
  if (command === "send-reply" && field === "rootCauses") {
    return detail.replyOptions.rootCauses.map((code) => ({ value: code, text: "" }));
  }
  if (command === "set-deadline" && field === "kind") {
    return c.deadlines
      .filter((d) => !d.metAt && d.kind !== "complaintWindow")
      .map((d) => ({ value: d.kind, text: "" }));
  }
  return null;
}

/** What a form shows before anything is posted: the case's own type and category to classify. */
function startingValue(command: CommandName, field: string, detail: CaseDetail, combinedDraft: string) {
  if (command === "submit-draft" && field === "body") return combinedDraft;
  if (command === "classify" && field === "type") return detail.case.type;
  if (command === "classify" && field === "category") return detail.case.category ?? "";
  return "";
}

/** Fields that only some procedures have. */
function fieldApplies(field: string, detail: CaseDetail): boolean {
  if (field === "resolution") return detail.replyOptions.allowInformalResolution;
  if (field === "rootCauses") return detail.replyOptions.rootCauses.length > 0;
  return true;
}

/** Whether the case could take the command at all, beyond its state (which the lifecycle checks). */
function applies(command: CommandName, detail: CaseDetail): boolean {
  const c = detail.case;
  switch (command) {
    case "complete-task":
      return c.tasks.some((task) => !task.doneAt);
    case "set-deadline":
      return c.deadlines.some((d) => !d.metAt && d.kind !== "complaintWindow");
    case "decide-reassessment":
      return c.type === "decision" && !c.reassessment;
    case "forward-to-appeals-board":
      return (
        !c.appealsBoard &&
        (c.reassessment?.result === "upheld" || c.reassessment?.result === "partly_changed")
      );
    case "record-appeals-decision":
      return !!c.appealsBoard && !c.appealsBoard.result;
    default:
      return true;
  }
}

/** The forms the page shows for this person on this case, with values and errors of a refused post. */
export function offeredActions(detail: CaseDetail, a: ActionContext) {
  const { t, state } = a;
  return detail.allowedCommands
    .filter((command) => isWebCommand(command))
    .filter((command) => mayRunCommand(a.me, detail.case, command) && applies(command, detail))
    .map((command) => ({
      command,
      label: t(`command.${command}` as MessageKey),
      /** a refused post opens its form again; the coordinator's combined reply starts open */
      open: state?.command === command || (command === "submit-draft" && a.combinedDraft !== ""),
      fields: (WEB_COMMANDS[command] ?? [])
        .filter((f) => fieldApplies(f.name, detail))
        .map((f) => {
          const posted = state?.command === command ? state.values[f.name] : undefined;
          const value = posted ?? startingValue(command, f.name, detail, a.combinedDraft);
          const options =
            caseOptions(command, f.name, detail, a.lang, t)?.map((o) => ({
              value: o.value,
              text: o.text || translateOr(t, `${f.optionLabels}.${o.value}`, o.value),
            })) ?? f.options?.map((o) => ({ value: o, text: translateOr(t, `${f.optionLabels}.${o}`, o) }));
          const checked = (option: string) =>
            state?.command === command
              ? state.values[`${f.name}.${option}`] === "true"
              : command === "send-reply" && detail.case.rootCauses.includes(option);
          return {
            ...f,
            checks:
              f.kind === "checkboxes"
                ? (options ?? []).map((o) => ({ ...o, checked: checked(o.value) }))
                : [],
            label: t(`field.${f.name}` as MessageKey),
            value,
            error: state?.command === command ? a.errors?.[f.name] : undefined,
            options,
          };
        }),
      handlerRows:
        command === "assign"
          ? [1, 2, 3].map((n) => ({
              n,
              handlerLabel: t("field.handler", { n }),
              partLabel: t("field.part", { n }),
              part: state?.command === command ? (state.values[`part${n}`] ?? "") : "",
              options: [
                { value: "", text: t("staff.case.routing") },
                ...a.handlerPeople.map((p) => ({
                  value: p.id,
                  text: p.name,
                  selected: state?.command === command && state.values[`handler${n}`] === p.id,
                })),
              ],
            }))
          : [],
    }));
}
