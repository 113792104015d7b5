/**
 * The action forms of the case page: each command's form comes from its registry entry, and the
 * page offers exactly the commands the person can run on the case now (allowedCommands), so no
 * button always fails. This turns a posted form into the command's body and fills case options.
 */

import type { Actor } from "../app/actor.js";
import { CASE_COMMANDS, type FormField } from "../app/case-command.registry.js";
import type { CaseDetail } from "../app/get-case.js";
import type { CommandName } from "../domain/lifecycle.js";
import type { Locale } from "../domain/organisation.js";
import { inLanguage, type MessageKey, type Translate, translateOr } from "./i18n/messages.js";

const formOf = (command: CommandName): readonly FormField[] => CASE_COMMANDS[command].form ?? [];

/** Commands with a form on the case page. */
export const isWebCommand = (name: string): name is CommandName =>
  Object.hasOwn(CASE_COMMANDS, name) && CASE_COMMANDS[name as CommandName].form !== null;

export const fieldNamesOf = (command: CommandName): string[] => formOf(command).map((f) => f.name);

/** The message for a field the command's schema refused. */
export function fieldMessage(command: CommandName, field: string, code: string, t: Translate): string {
  const spec = formOf(command).find((f) => f.name === field);
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
  for (const f of formOf(command)) {
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
  if (command === "link") {
    // "this": answered together with this case as the lead
    body.lead = form.lead === "true";
    if (form.lead === "true" || form.lead === "this") body.answerTogether = true;
  }
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
  if ((command === "complete-task" || command === "waive-task") && field === "task") {
    const titles = new Map(detail.taskDefinitions.map((d) => [d.key, d.title]));
    return c.tasks
      .filter((task) => !task.doneAt)
      .map((task) => {
        const title = titles.get(task.key);
        return { value: task.key, text: inLanguage(title, lang, task.key) };
      });
  }
  if ((command === "classify" || command === "correct") && field === "category") {
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
  if ((command === "classify" || command === "correct") && field === "type") return detail.case.type;
  if ((command === "classify" || command === "correct") && field === "category")
    return detail.case.category ?? "";
  if (command === "correct" && field === "decisionDate") return detail.case.decision?.date ?? "";
  if (command === "correct" && field === "decisionReference") return detail.case.decision?.reference ?? "";
  return "";
}

/** Fields that only some procedures have. */
function fieldApplies(field: string, detail: CaseDetail): boolean {
  if (field === "resolution") return detail.replyOptions.allowInformalResolution;
  if (field === "rootCauses") return detail.replyOptions.rootCauses.length > 0;
  return true;
}

/** The forms the page shows for this person on this case, with values and errors of a refused post. */
export function offeredActions(detail: CaseDetail, a: ActionContext) {
  const { t, state } = a;
  return detail.allowedCommands
    .filter((command) => isWebCommand(command))
    .map((command) => ({
      command,
      label: t(`command.${command}` as MessageKey),
      /** a refused post opens its form again; the coordinator's combined reply starts open */
      open: state?.command === command || (command === "submit-draft" && a.combinedDraft !== ""),
      fields: formOf(command)
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
