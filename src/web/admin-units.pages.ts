/** Admin pages for the organisation's units: the tree with managers, adding and editing a unit. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app/context.js";
import { listPeopleAndUnits, listProcedureDefinitions } from "../app/manage-people.js";
import { addUnit, editUnit, setUnitActiveness, type UnitInput } from "../app/manage-units.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden, KlaraError } from "../domain/errors.js";
import { byField, type FormError } from "./form-errors.js";
import { inLanguage, type Translate } from "./i18n/messages.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

type Values = Record<string, string>;

const valuesOf = (body: unknown): Values =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === "string"),
  ) as Values;

const unitInput = (v: Values): UnitInput => ({
  code: v.code ?? "",
  name: v.name ?? "",
  parentId: v.parentId || null,
  managerId: v.managerId || null,
  // the edit form carries the whole routing table; a category left on "nobody" goes to the coordinator
  routing:
    v.routingTable === "1"
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k, person]) => k.startsWith("routing.") && person !== "")
            .map(([k, person]) => [k.slice("routing.".length), person]),
        )
      : undefined,
});

function errorsOf(error: unknown, t: Translate): FormError[] {
  if (error instanceof KlaraError && error.code === "conflict")
    return [{ field: "code", message: t("admin.units.exists") }];
  if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
  return (error.details.fieldErrors ?? []).map((e) => ({
    field: e.path,
    message:
      e.path === "name"
        ? t("error.required")
        : e.path === "parentId" && e.message.includes("itself")
          ? t("admin.units.cycle")
          : t("error.invalid"),
  }));
}

export function adminUnitPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);
  const adminOnly = async (request: FastifyRequest) => {
    if (!isAdmin(actorOf(request))) throw forbidden();
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    editingId: string | null,
    values: Values | null,
    errors: FormError[],
    done?: string,
  ) => {
    const ctx = staffContext(request, reply, "admin");
    const { people, units } = await listPeopleAndUnits(deps, actorOf(request));
    const editing = editingId ? units.find((u) => u.id === editingId) : null;
    if (editingId && !editing) throw new KlaraError("not_found", "No such unit.");
    const v: Values =
      values ??
      (editing
        ? { name: editing.name, parentId: editing.parentId ?? "", managerId: editing.managerId ?? "" }
        : {});
    const names = new Map(units.map((u) => [u.id, u.name]));
    // the categories some procedure routes by the unit's own table (e.g. dk-school's administration)
    const routed = new Map<string, string>();
    if (editing) {
      for (const p of await listProcedureDefinitions(deps, actorOf(request))) {
        for (const c of p.definition.categories) {
          if (c.handler === "unit_routing_table" && !routed.has(c.code))
            routed.set(c.code, inLanguage(c.name, ctx.lang, c.code));
        }
      }
    }
    const handlers = people.filter(
      (p) => p.active && (p.roles.includes("handler") || p.roles.includes("manager")),
    );
    const personNames = new Map(people.map((p) => [p.id, p.name]));
    const { list, map } = byField(errors, ["code", "name", "parentId", "managerId"]);
    return renderPage(
      views,
      reply,
      "admin/units.njk",
      {
        ...ctx,
        title: editing ? ctx.t("admin.units.edit", { name: editing.name }) : ctx.t("admin.units.title"),
        editing,
        done,
        units: units.map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          parent: u.parentId ? (names.get(u.parentId) ?? "") : "",
          manager: u.managerId ? (personNames.get(u.managerId) ?? "") : "",
          state: ctx.t(u.active ? "admin.people.active" : "admin.people.inactive"),
        })),
        toggleLabel: editing
          ? ctx.t(editing.active ? "admin.units.deactivate" : "admin.units.reactivate", {
              name: editing.name,
            })
          : "",
        parentOptions: [
          { value: "", text: ctx.t("admin.units.parent.none") },
          ...units
            // a deactivated parent is kept where it is, never offered anew
            .filter((u) => u.id !== editingId && (u.active || u.id === editing?.parentId))
            .map((u) => ({ value: u.id, text: `${u.name} (${u.code})`, isSelected: v.parentId === u.id })),
        ],
        managerOptions: [
          { value: "", text: ctx.t("admin.units.manager.none") },
          ...people
            .filter((p) => p.active)
            .map((p) => ({ value: p.id, text: p.name, isSelected: v.managerId === p.id })),
        ],
        routingRows: [...routed].map(([code, name]) => {
          const current = values ? (values[`routing.${code}`] ?? "") : (editing?.routing[code] ?? "");
          return {
            code,
            label: ctx.t("admin.units.routingFor", { category: name }),
            error: map[`routing.${code}`],
            options: [
              { value: "", text: ctx.t("admin.units.routing.none") },
              ...handlers.map((p) => ({ value: p.id, text: p.name, isSelected: current === p.id })),
            ],
          };
        }),
        values: v,
        errors: map,
        errorList: list,
      },
      list.length ? 400 : 200,
    );
  };

  app.get("/admin/units", { preHandler: [signedIn, adminOnly] }, (request, reply) =>
    show(request, reply, null, null, []),
  );
  app.get<{ Params: { id: string } }>(
    "/admin/units/:id",
    { preHandler: [signedIn, adminOnly] },
    (request, reply) => show(request, reply, request.params.id, null, []),
  );

  app.post(
    "/admin/units",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const t = staffContext(request, reply, "admin").t;
      const values = valuesOf(request.body);
      try {
        await addUnit(deps, actorOf(request), unitInput(values));
      } catch (error) {
        return show(request, reply, null, values, errorsOf(error, t));
      }
      return show(request, reply, null, {}, [], t("admin.units.saved"));
    },
  );

  app.post<{ Params: { id: string; action: string } }>(
    "/admin/units/:id/:action",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const t = staffContext(request, reply, "admin").t;
      const { id, action } = request.params;
      if (action !== "deactivate" && action !== "reactivate")
        throw new KlaraError("not_found", "No such action.");
      try {
        await setUnitActiveness(deps, actorOf(request), id, action === "reactivate");
      } catch (error) {
        if (!(error instanceof KlaraError && error.code === "invalid_state")) throw error;
        return show(request, reply, id, null, [{ field: "unit-state", message: t("admin.units.inUse") }]);
      }
      return show(
        request,
        reply,
        null,
        {},
        [],
        t(action === "reactivate" ? "admin.units.reactivated" : "admin.units.deactivated"),
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    "/admin/units/:id",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const t = staffContext(request, reply, "admin").t;
      const values = valuesOf(request.body);
      try {
        await editUnit(deps, actorOf(request), request.params.id, unitInput(values));
      } catch (error) {
        return show(request, reply, request.params.id, values, errorsOf(error, t));
      }
      return show(request, reply, null, {}, [], t("admin.units.saved"));
    },
  );
}
