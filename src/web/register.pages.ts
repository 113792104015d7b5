/**
 * Registering a complaint that came by phone, letter, e-mail or in person, with the date and time
 * it was received (back-dated receipt counts the deadlines from then). Calls the API's use case.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import type { AppDeps } from "../app/context.js";
import { getDirectory } from "../app/get-directory.js";
import { getPublicProcedure, listPublicProcedures, type PublicProcedure } from "../app/public-procedures.js";
import { registerCase } from "../app/register-case.js";
import { RegisterCaseBody } from "../app/schemas.js";
import { mayRegisterCases } from "../domain/case-policy.js";
import { forbidden, KlaraError } from "../domain/errors.js";
import { byField, type FormError, fromFieldErrors, fromZod } from "./form-errors.js";
import type { MessageKey } from "./i18n/messages.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

const CHANNELS = ["phone", "letter", "email", "in_person", "digital_post"] as const;
const FIELD_ORDER = [
  "channel",
  "receivedDate",
  "receivedTime",
  "source",
  "type",
  "unit",
  "category",
  "personComplainedAbout",
  "subject",
  "description",
  "decision.date",
  "decision.reference",
  "decision.area",
  "complainant",
  "complainant.name",
  "complainant.email",
  "complainant.phone",
  "complainant.address",
  "representative.name",
  "representative.email",
  "representative.phone",
  "representative.address",
];

const TYPES = ["process", "decision", "unclassified"] as const;

/** The form's flat fields as the registration body's nested parts (null when left empty). */
function nestedParts(v: Values) {
  const text = (name: string) => (v[name]?.trim() ? v[name]?.trim() : null);
  const decisionGiven =
    text("decision.date") || text("decision.reference") || text("decision.area") || v["decision.fastTrack"];
  const representativeGiven =
    text("representative.name") ||
    text("representative.email") ||
    text("representative.phone") ||
    text("representative.address");
  return {
    decision: decisionGiven
      ? {
          date: text("decision.date"),
          reference: text("decision.reference"),
          area: text("decision.area"),
          fastTrack: v["decision.fastTrack"] === "true",
        }
      : null,
    representative: representativeGiven
      ? {
          name: v["representative.name"] ?? "",
          email: text("representative.email"),
          phone: text("representative.phone"),
          address: text("representative.address"),
          powerOfAttorneyReceived: v["representative.powerOfAttorneyReceived"] === "true",
        }
      : null,
  };
}

type Values = Record<string, string>;

/** The local date and time typed in, as an instant in the organisation's time zone, or an error. */
function receivedAt(v: Values, timeZone: string): { at?: string; errors: FormError[] } {
  const date = v.receivedDate?.trim() ?? "";
  const time = v.receivedTime?.trim() || "12:00";
  const errors: FormError[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.push({ field: "receivedDate", message: "" });
  if (!/^\d{1,2}:\d{2}$/.test(time)) errors.push({ field: "receivedTime", message: "" });
  if (errors.length) return { errors };
  try {
    const local = Temporal.PlainDateTime.from(`${date}T${time.padStart(5, "0")}`);
    return { at: local.toZonedDateTime(timeZone).toInstant().toString(), errors };
  } catch {
    return { errors: [{ field: "receivedDate", message: "" }] };
  }
}

export function registerPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    p: PublicProcedure | null,
    values: Values,
    errors: FormError[],
  ) => {
    const actor = actorOf(request);
    if (!mayRegisterCases(actor)) throw forbidden();
    const ctx = staffContext(request, reply, "register");
    const { list, map } = byField(errors, FIELD_ORDER);
    const procedures =
      (await listPublicProcedures(deps)).find((o) => o.id === actor.organisationId)?.procedures ?? [];
    const people = p ? (await getDirectory(deps, actor)).people : [];
    const today = deps.clock.now().toZonedDateTimeISO(p?.organisation.timeZone ?? "Europe/Copenhagen");
    const v: Values = {
      receivedDate: today.toPlainDate().toString(),
      receivedTime: today.toPlainTime().toString({ smallestUnit: "minute" }),
      ...values,
    };
    // a required select starts with an empty placeholder (HTML: the first option of a required select)
    const placeholder = { value: "", text: ctx.t("intake.register.choose") };
    const selected = (
      options: readonly string[],
      current: string | undefined,
      label: (o: string) => string,
    ) => [placeholder, ...options.map((o) => ({ value: o, text: label(o), isSelected: current === o }))];
    return renderPage(
      views,
      reply,
      "staff/register.njk",
      {
        ...ctx,
        title: list.length
          ? `${ctx.t("errors.title")}: ${ctx.t("staff.register.title")}`
          : ctx.t("staff.register.title"),
        procedure: p?.procedure ?? null,
        procedureOptions: [placeholder, ...procedures.map((x) => ({ value: x.id, text: x.name }))],
        channelOptions: selected(CHANNELS, v.channel ?? "phone", (c) => ctx.t(`channel.${c}` as MessageKey)),
        // every source the procedure takes, the staff-only ones (ombudsman, advisor, politician) too
        sourceOptions: selected(
          p?.procedure.allowedSources ?? [],
          v.source ?? p?.procedure.allowedSources[0],
          (s) => ctx.t(`source.${s}` as MessageKey),
        ),
        typeOptions: [
          { value: "", text: ctx.t("intake.register.type.auto") },
          ...TYPES.map((x) => ({
            value: x,
            text: ctx.t(`type.${x}` as MessageKey),
            isSelected: v.type === x,
          })),
        ],
        allowsRepresentative: p?.procedure.allowedSources.includes("representative") ?? false,
        units: p
          ? [
              { value: "", text: ctx.t("form.unit.none") },
              ...p.units.map((u) => ({ value: u.code, text: u.name, isSelected: v.unit === u.code })),
            ]
          : [],
        categories: (p?.procedure.categories ?? []).map((c) => ({
          value: c.code,
          label: c.name[ctx.lang] ?? c.name.da ?? c.code,
          checked: v.category === c.code,
        })),
        peopleOptions: [
          { value: "", text: ctx.t("staff.register.person.none") },
          ...people.map((x) => ({ value: x.id, text: x.name, isSelected: v.personComplainedAbout === x.id })),
        ],
        values: v,
        errors: map,
        // a radio group is reached from the error summary by its first option
        errorList: list.map((e) => (e.field === "category" ? { ...e, field: "category-option1" } : e)),
      },
      list.length ? 400 : 200,
    );
  };

  app.get<{ Querystring: { procedure?: string } }>(
    "/cases/new",
    { preHandler: signedIn },
    async (request, reply) => {
      const id = request.query.procedure;
      const p = id ? await getPublicProcedure(deps, id) : null;
      if (p && p.organisation.id !== actorOf(request).organisationId)
        throw new KlaraError("not_found", "No such procedure.");
      return show(request, reply, p, {}, []);
    },
  );

  app.post<{ Querystring: { procedure?: string } }>(
    "/cases/new",
    { preHandler: [app.csrfProtection, signedIn] },
    async (request, reply) => {
      const actor = actorOf(request);
      const p = await getPublicProcedure(deps, request.query.procedure ?? "");
      if (p.organisation.id !== actor.organisationId) throw new KlaraError("not_found", "No such procedure.");
      const t = staffContext(request, reply, "register").t;
      const values = Object.fromEntries(
        Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
          ([, x]) => typeof x === "string",
        ),
      ) as Values;
      const text = (name: string) => (values[name]?.trim() ? values[name]?.trim() : null);
      const when = receivedAt(values, p.organisation.timeZone);
      const parsed = RegisterCaseBody.safeParse({
        procedure: p.procedure.id,
        unit: text("unit"),
        category: text("category"),
        subject: values.subject ?? "",
        description: values.description ?? "",
        channel: values.channel,
        ...(text("source") ? { source: text("source") } : {}),
        ...(text("type") ? { type: text("type") } : {}),
        ...nestedParts(values),
        personComplainedAbout: text("personComplainedAbout"),
        needsConfirmation: values.needsConfirmation === "true",
        ...(when.at ? { receivedAt: when.at } : {}),
        complainant: {
          anonymous: values["complainant.anonymous"] === "true",
          name: text("complainant.name"),
          email: text("complainant.email"),
          phone: text("complainant.phone"),
          address: text("complainant.address"),
        },
      });
      const dateErrors = when.errors.map((e) => ({ ...e, message: t("error.date") }));
      if (!parsed.success || dateErrors.length) {
        const errors = [...dateErrors, ...(parsed.success ? [] : fromZod(parsed.error, t))];
        return show(request, reply, p, values, errors);
      }
      try {
        const detail = await registerCase(deps, actor, parsed.data);
        return reply.redirect(`/work?registered=${encodeURIComponent(detail.case.reference)}`, 303);
      } catch (error) {
        if (error instanceof KlaraError && error.code === "invalid_input") {
          const errors = fromFieldErrors(error.details.fieldErrors ?? [], t).map((e) =>
            e.field === "receivedAt" ? { field: "receivedDate", message: t("staff.register.future") } : e,
          );
          return show(request, reply, p, values, errors);
        }
        throw error;
      }
    },
  );
}
