/**
 * Revising a procedure from the admin pages: deadline lengths, category names, routing and
 * confidentiality, a category added or retired. Rule conditions are shown, not edited: they carry
 * the law's distinctions (decision or process complaint, who forwarded it) and change with the
 * procedure's file.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app/context.js";
import { listPeopleAndUnits, listProcedureDefinitions } from "../app/manage-people.js";
import { type ProcedureRevision, reviseProcedure } from "../app/revise-procedure.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden, KlaraError } from "../domain/errors.js";
import { HandlerRule } from "../domain/procedure.js";
import { DeadlineUnit } from "../domain/vocabulary.js";
import { byField, type FormError } from "./form-errors.js";
import type { MessageKey, Translate } from "./i18n/messages.js";
import { describeCondition } from "./procedure-text.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

type Values = Record<string, string>;

/** The category the form adds, if its code is filled in; its mistakes go to `errors`. */
function addedCategory(values: Values, errors: FormError[], t: Translate): ProcedureRevision["added"] {
  const code = values["added.code"]?.trim() ?? "";
  if (code === "") return undefined;
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(code))
    errors.push({ field: "added.code", message: t("admin.procedures.code.invalid") });
  const name = Object.fromEntries(
    (["da", "nb", "en"] as const)
      .map((l) => [l, values[`added.name.${l}`]?.trim() ?? ""] as const)
      .filter(([, n]) => n !== ""),
  );
  if (Object.keys(name).length === 0) errors.push({ field: "added.name.da", message: t("error.required") });
  const handler = HandlerRule.safeParse(values["added.handler"]);
  return {
    code,
    name,
    handler: handler.success ? handler.data : "coordinator",
    confidentiality: values["added.confidentiality"] === "personnel" ? "personnel" : "normal",
  };
}

export function adminProcedurePages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);
  const adminOnly = async (request: FastifyRequest) => {
    if (!isAdmin(actorOf(request))) throw forbidden();
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Values | null,
    errors: FormError[],
  ) => {
    const ctx = staffContext(request, reply, "admin");
    const found = (await listProcedureDefinitions(deps, actorOf(request))).find((p) => p.id === id);
    if (!found) throw new KlaraError("not_found", "No such procedure.");
    const d = found.definition;
    const v = (key: string, fallback: string) => values?.[key] ?? fallback;
    const units = (await listPeopleAndUnits(deps, actorOf(request))).units.filter(
      (u) => u.active || Object.values(d.topicUnits).includes(u.code),
    );
    const { list, map } = byField(errors, []);
    return renderPage(
      views,
      reply,
      "admin/procedure-edit.njk",
      {
        ...ctx,
        title: ctx.t("admin.procedures.edit", { name: d.name }),
        procedure: { id: found.id, name: d.name, version: found.version },
        deadlines: d.deadlines.map((r, i) => ({
          kind: ctx.t(`deadline.${r.kind}` as MessageKey),
          when: describeCondition(r.when, ctx.t),
          length: v(`deadlines.${i}.length`, String(r.length)),
          unitOptions: DeadlineUnit.options.map((u) => ({
            value: u,
            text: ctx.t(`unit.${u}` as MessageKey),
            isSelected: v(`deadlines.${i}.unit`, r.unit) === u,
          })),
        })),
        categories: d.categories.map((c, i) => ({
          code: c.code,
          name: {
            da: v(`categories.${i}.name.da`, c.name.da ?? ""),
            nb: v(`categories.${i}.name.nb`, c.name.nb ?? ""),
            en: v(`categories.${i}.name.en`, c.name.en ?? ""),
          },
          handlerOptions: HandlerRule.options.map((h) => ({
            value: h,
            text: ctx.t(`handler.${h}` as MessageKey),
            isSelected: v(`categories.${i}.handler`, c.handler) === h,
          })),
          confidentialityOptions: (["normal", "personnel"] as const).map((x) => ({
            value: x,
            text: ctx.t(`confidentiality.${x}`),
            isSelected: v(`categories.${i}.confidentiality`, c.confidentiality) === x,
          })),
          retire: v(`categories.${i}.retire`, "") === "true",
          topicUnitOptions: [
            { value: "", text: ctx.t("admin.procedures.topicUnit.none") },
            ...units.map((u) => ({
              value: u.code,
              text: `${u.name} (${u.code})`,
              isSelected: v(`topicUnits.${c.code}`, d.topicUnits[c.code] ?? "") === u.code,
            })),
          ],
        })),
        added: {
          code: v("added.code", ""),
          name: { da: v("added.name.da", ""), nb: v("added.name.nb", ""), en: v("added.name.en", "") },
          handlerOptions: HandlerRule.options.map((h) => ({
            value: h,
            text: ctx.t(`handler.${h}` as MessageKey),
            isSelected: v("added.handler", "coordinator") === h,
          })),
          confidentialityOptions: (["normal", "personnel"] as const).map((x) => ({
            value: x,
            text: ctx.t(`confidentiality.${x}`),
            isSelected: v("added.confidentiality", "normal") === x,
          })),
        },
        errors: map,
        errorList: list,
      },
      list.length ? 400 : 200,
    );
  };

  app.get<{ Params: { id: string } }>(
    "/admin/procedures/:id",
    { preHandler: [signedIn, adminOnly] },
    (request, reply) => show(request, reply, request.params.id, null, []),
  );

  app.post<{ Params: { id: string } }>(
    "/admin/procedures/:id",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const t = staffContext(request, reply, "admin").t;
      const values = Object.fromEntries(
        Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
          ([, x]) => typeof x === "string",
        ),
      ) as Values;
      const current = (await listProcedureDefinitions(deps, actorOf(request))).find(
        (p) => p.id === request.params.id,
      );
      if (!current) throw new KlaraError("not_found", "No such procedure.");
      const errors: FormError[] = [];
      const revision: ProcedureRevision = {
        deadlines: current.definition.deadlines.map((r, i) => {
          const raw = values[`deadlines.${i}.length`]?.trim() ?? "";
          const length = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
          if (!(length >= 1 && length <= 3650)) {
            errors.push({ field: `deadlines.${i}.length`, message: t("admin.procedures.length.invalid") });
          }
          const unit = DeadlineUnit.safeParse(values[`deadlines.${i}.unit`]);
          return { length, unit: unit.success ? unit.data : r.unit };
        }),
        categories: current.definition.categories.map((c, i) => {
          const handler = HandlerRule.safeParse(values[`categories.${i}.handler`]);
          const name = Object.fromEntries(
            (["da", "nb", "en"] as const)
              .map((l) => [l, values[`categories.${i}.name.${l}`]?.trim() ?? ""] as const)
              .filter(([, n]) => n !== ""),
          );
          if (Object.keys(name).length === 0) {
            errors.push({ field: `categories.${i}.name.da`, message: t("error.required") });
          }
          return {
            name,
            handler: handler.success ? handler.data : c.handler,
            confidentiality:
              values[`categories.${i}.confidentiality`] === "personnel" ? "personnel" : "normal",
            retire: values[`categories.${i}.retire`] === "true",
          };
        }),
        added: addedCategory(values, errors, t),
        // every category's topic unit, as the form shows them; topics of retired categories stay
        topicUnits: {
          ...current.definition.topicUnits,
          ...Object.fromEntries(
            current.definition.categories
              .filter((c) => values[`topicUnits.${c.code}`] !== undefined)
              .map((c) => [c.code, values[`topicUnits.${c.code}`]?.trim() ?? ""]),
          ),
        },
      };
      for (const [topic, code] of Object.entries(revision.topicUnits ?? {})) {
        if (code === "") delete revision.topicUnits?.[topic];
      }
      if (String(current.version) !== values.version) {
        errors.push({ field: "procedure", message: t("error.invalid") });
      }
      if (errors.length) return show(request, reply, request.params.id, values, errors);
      try {
        const version = await reviseProcedure(deps, actorOf(request), request.params.id, revision);
        return reply.redirect(`/admin/procedures?saved=${version}`, 303);
      } catch (error) {
        if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
        const refused = (error.details.fieldErrors ?? []).map((e) =>
          e.path === "added.code"
            ? { field: "added.code", message: t("admin.procedures.code.taken") }
            : {
                field: e.path,
                message: t(e.path.startsWith("topicUnits.") ? "error.unit" : "error.invalid"),
              },
        );
        return show(request, reply, request.params.id, values, refused);
      }
    },
  );
}
