/**
 * Admin pages: the organisation's people (add, deactivate, reactivate) and its procedures with all
 * their rules. Editing procedures into a new version comes next; the CLI and the data are ready.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app/context.js";
import {
  addPersonAsAdmin,
  listPeopleAndUnits,
  listProcedureDefinitions,
  setPersonActiveAsAdmin,
} from "../app/manage-people.js";
import { editPerson } from "../app/manage-units.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden, KlaraError } from "../domain/errors.js";
import { Role } from "../domain/vocabulary.js";
import { closingDaysPages } from "./admin-closing-days.pages.js";
import { adminMailSettingsPages } from "./admin-mail-settings.pages.js";
import { byField, type FormError } from "./form-errors.js";
import type { MessageKey } from "./i18n/messages.js";
import { describeCondition } from "./procedure-text.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

export function adminPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  closingDaysPages(app, deps, views);
  adminMailSettingsPages(app, deps, views);
  const signedIn = requireSignIn(deps);
  const adminOnly = async (request: FastifyRequest) => {
    if (!isAdmin(actorOf(request))) throw forbidden();
  };

  const showPeople = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FormError[],
    done?: string,
  ) => {
    const actor = actorOf(request);
    const ctx = staffContext(request, reply, "admin");
    const { people, units } = await listPeopleAndUnits(deps, actor);
    const unitNames = new Map(units.map((u) => [u.id, `${u.name} (${u.code})`]));
    const { list, map } = byField(errors, ["name", "email", "unit", "roles", "password"]);
    return renderPage(
      views,
      reply,
      "admin/people.njk",
      {
        ...ctx,
        title: ctx.t("admin.people.title"),
        done,
        people: people.map((p) => ({
          id: p.id,
          name: p.name,
          email: p.email,
          unit: unitNames.get(p.unitId) ?? "",
          roles: p.roles.map((r) => ctx.t(`role.${r}` as MessageKey)).join(", "),
          active: p.active,
          state: ctx.t(p.active ? "admin.people.active" : "admin.people.inactive"),
          canToggle: p.id !== actor.personId,
          toggleLabel: ctx.t(p.active ? "admin.people.deactivate" : "admin.people.reactivate", {
            name: p.name,
          }),
        })),
        unitOptions: units
          .filter((u) => u.active)
          .map((u) => ({
            value: u.code,
            text: `${u.name} (${u.code})`,
            isSelected: values.unit === u.code,
          })),
        roleOptions: Role.options.map((r) => ({
          value: r,
          text: ctx.t(`role.${r}` as MessageKey),
          checked: values[`role-${r}`] === "true",
        })),
        values,
        errors: map,
        errorList: list,
      },
      list.length ? 400 : 200,
    );
  };

  app.get("/admin/people", { preHandler: [signedIn, adminOnly] }, (request, reply) =>
    showPeople(request, reply, {}, []),
  );

  app.post(
    "/admin/people",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const t = staffContext(request, reply, "admin").t;
      const values = Object.fromEntries(
        Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
          ([, v]) => typeof v === "string",
        ),
      ) as Record<string, string>;
      const roles = Role.options.filter((r) => values[`role-${r}`] === "true");
      const errors: FormError[] = [];
      if (!values.name?.trim()) errors.push({ field: "name", message: t("error.required") });
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email?.trim() ?? ""))
        errors.push({ field: "email", message: t("error.email") });
      if (roles.length === 0) errors.push({ field: "roles", message: t("admin.people.roles.required") });
      if (values.password && values.password.length < 12)
        errors.push({ field: "password", message: t("admin.people.password.short") });
      if (errors.length) return showPeople(request, reply, values, errors);
      try {
        const person = await addPersonAsAdmin(deps, actorOf(request), {
          name: values.name?.trim() ?? "",
          email: values.email?.trim() ?? "",
          unit: values.unit ?? "",
          roles,
          ...(values.password ? { password: values.password } : {}),
        });
        return showPeople(request, reply, {}, [], t("admin.people.added", { name: person.name }));
      } catch (error) {
        if (error instanceof KlaraError && error.code === "conflict") {
          return showPeople(request, reply, values, [{ field: "email", message: t("admin.people.exists") }]);
        }
        if (error instanceof KlaraError && error.code === "invalid_input") {
          const fieldErrors = (error.details.fieldErrors ?? []).map((e) => ({
            field: e.path,
            message: t("error.invalid"),
          }));
          return showPeople(request, reply, values, fieldErrors);
        }
        throw error;
      }
    },
  );

  app.post<{ Params: { id: string; action: string } }>(
    "/admin/people/:id/:action",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const { id, action } = request.params;
      if (action === "edit") return savePerson(request, reply, id);
      if (action !== "deactivate" && action !== "reactivate")
        throw new KlaraError("not_found", "No such action.");
      const t = staffContext(request, reply, "admin").t;
      try {
        await setPersonActiveAsAdmin(deps, actorOf(request), id, action === "reactivate");
      } catch (error) {
        if (error instanceof KlaraError && error.code === "invalid_input") {
          return showPeople(request, reply, {}, [{ field: "person", message: t("admin.people.self") }]);
        }
        throw error;
      }
      return reply.redirect("/admin/people", 303);
    },
  );

  const showPerson = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Record<string, string> | null,
    errors: FormError[],
  ) => {
    const ctx = staffContext(request, reply, "admin");
    const { people, units } = await listPeopleAndUnits(deps, actorOf(request));
    const person = people.find((p) => p.id === id);
    if (!person) throw new KlaraError("not_found", "No such person.");
    const v =
      values ??
      Object.fromEntries([
        ["name", person.name],
        ["unit", person.unitId],
        ...person.roles.map((r) => [`role-${r}`, "true"]),
      ]);
    const { list, map } = byField(errors, ["name", "unit", "roles"]);
    return renderPage(
      views,
      reply,
      "admin/person.njk",
      {
        ...ctx,
        title: ctx.t("admin.people.edit", { name: person.name }),
        person,
        values: v,
        // a deactivated unit is offered only to the person still in it
        unitOptions: units
          .filter((u) => u.active || u.id === person.unitId)
          .map((u) => ({
            value: u.id,
            text: `${u.name} (${u.code})`,
            isSelected: v.unit === u.id,
          })),
        roleOptions: Role.options.map((r) => ({
          value: r,
          text: ctx.t(`role.${r}` as MessageKey),
          checked: v[`role-${r}`] === "true",
        })),
        errors: map,
        errorList: list,
      },
      list.length ? 400 : 200,
    );
  };

  const savePerson = async (request: FastifyRequest, reply: FastifyReply, id: string) => {
    const t = staffContext(request, reply, "admin").t;
    const values = Object.fromEntries(
      Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
        ([, v]) => typeof v === "string",
      ),
    ) as Record<string, string>;
    const roles = Role.options.filter((r) => values[`role-${r}`] === "true");
    try {
      await editPerson(deps, actorOf(request), id, {
        name: values.name ?? "",
        unitId: values.unit ?? "",
        roles,
      });
    } catch (error) {
      if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
      const errors = (error.details.fieldErrors ?? []).map((e) => ({
        field: e.path,
        message:
          e.path === "name"
            ? t("error.required")
            : e.path === "roles"
              ? t("admin.people.selfadmin")
              : t("error.invalid"),
      }));
      return showPerson(request, reply, id, values, errors);
    }
    return reply.redirect("/admin/people", 303);
  };

  app.get<{ Params: { id: string } }>(
    "/admin/people/:id",
    { preHandler: [signedIn, adminOnly] },
    (request, reply) => showPerson(request, reply, request.params.id, null, []),
  );

  app.get("/admin/procedures", { preHandler: [signedIn, adminOnly] }, async (request, reply) => {
    const ctx = staffContext(request, reply, "admin");
    const procedures = await listProcedureDefinitions(deps, actorOf(request));
    return renderPage(views, reply, "admin/procedures.njk", {
      ...ctx,
      title: ctx.t("admin.procedures.title"),
      done: /^\d+$/.test((request.query as { saved?: string }).saved ?? "")
        ? ctx.t("admin.procedures.saved", { version: (request.query as { saved: string }).saved })
        : null,
      procedures: procedures.map(({ id, version, definition: d }) => ({
        id,
        version,
        name: d.name,
        description: d.description,
        deadlines: d.deadlines.map((r) => ({
          kind: ctx.t(`deadline.${r.kind}` as MessageKey),
          length: `${r.length} ${ctx.t(`unit.${r.unit}` as MessageKey)}`,
          from: ctx.t(`from.${r.from}` as MessageKey),
          when: describeCondition(r.when, ctx.t),
        })),
        categories: d.categories.map((c) => ({
          code: c.code,
          name: c.name[ctx.lang] ?? c.name.da ?? c.code,
          handler: ctx.t(`handler.${c.handler}` as MessageKey),
          confidentiality: ctx.t(`confidentiality.${c.confidentiality}` as MessageKey),
        })),
        approval: d.approval.length
          ? d.approval.map((a) => `${a.name} (${ctx.t(`role.${a.role}` as MessageKey)})`).join(" → ")
          : ctx.t("admin.procedures.none"),
      })),
    });
  });
}
