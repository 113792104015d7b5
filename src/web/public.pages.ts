/**
 * The citizen's pages (no sign-in): choosing a procedure, the complaint form, and the status page
 * behind the private tracking link. They call the same use cases as the API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import { ZodError } from "zod";
import { addCitizenInformation } from "../app/add-citizen-information.js";
import { complainantLetterPdf } from "../app/complainant-letters.js";
import { citizenStatus } from "../app/complaint-status.js";
import type { AppDeps } from "../app/context.js";
import { getPublicProcedure, listPublicProcedures, type PublicProcedure } from "../app/public-procedures.js";
import { PUBLIC_SOURCES, SubmitComplaintBody } from "../app/schemas.js";
import { submitComplaint } from "../app/submit-complaint.js";
import { byField, type FormError, fromFieldErrors, fromZod } from "./form-errors.js";
import type { MessageKey } from "./i18n/messages.js";
import { intlLocale, type PageContext, pageContext } from "./page-context.js";
import type { Views } from "./render.js";
import { trackingLetters } from "./tracking-letters.js";
import {
  postTextAndFiles,
  readUploadForm,
  refusedFields,
  tooLargeErrors,
  UPLOAD_ROUTE,
} from "./upload-form.js";

const FIELD_ORDER = [
  "source",
  "unit",
  "category",
  "subject",
  "description",
  "decision.date",
  "decision.reference",
  "complainant",
  "complainant.anonymous",
  "complainant.name",
  "complainant.email",
  "complainant.phone",
  "complainant.address",
  "representative.name",
  "representative.email",
  "representative.phone",
  "powerOfAttorney",
  "attachments",
];

type FormValues = Record<string, string>;

/** The citizen's deadlines as promises, in the order they come. */
const PROMISES: Record<string, MessageKey> = {
  acknowledge: "status.promise.acknowledge",
  firstContact: "status.promise.firstContact",
  reassessment: "status.promise.reassessment",
  reply: "status.promise.reply",
};

/** The posted form's flat fields as the submission schema's nested body. */
function toSubmission(
  procedureId: string,
  v: FormValues,
  decisionComplaints: boolean,
  powerOfAttorneyReceived = false,
): unknown {
  const text = (name: string) => (v[name]?.trim() ? v[name]?.trim() : null);
  const represented =
    text("representative.name") || text("representative.email") || text("representative.phone");
  return {
    representative: represented
      ? {
          name: v["representative.name"] ?? "",
          email: text("representative.email"),
          phone: text("representative.phone"),
          powerOfAttorneyReceived,
        }
      : null,
    procedure: procedureId,
    ...(text("source") ? { source: text("source") } : {}),
    unit: text("unit"),
    category: text("category"),
    subject: v.subject ?? "",
    description: v.description ?? "",
    decision:
      decisionComplaints && (text("decision.date") || text("decision.reference"))
        ? { date: text("decision.date"), reference: text("decision.reference") }
        : null,
    complainant: {
      anonymous: v["complainant.anonymous"] === "true",
      name: text("complainant.name"),
      email: text("complainant.email"),
      phone: text("complainant.phone"),
      address: text("complainant.address"),
    },
  };
}

function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (body && typeof body === "object") {
    for (const [k, v] of Object.entries(body)) if (typeof v === "string") values[k] = v.slice(0, 25_000);
  }
  return values;
}

/** The sources a complainant may choose from on this procedure's form, in the procedure's order. */
function publicSources(p: PublicProcedure): string[] {
  return p.procedure.allowedSources.filter((s) => (PUBLIC_SOURCES as readonly string[]).includes(s));
}

/**
 * The form's own checks before the use case: "who are you?" must be answered where no default
 * fits (no-workplace has no citizens), and a representative gives their name.
 */
function formChecks(p: PublicProcedure, v: FormValues, t: PageContext["t"]): FormError[] {
  const errors: FormError[] = [];
  const sources = publicSources(p);
  const source = v.source?.trim() ?? "";
  if (sources.length > 1 && !sources.includes("citizen") && !source)
    errors.push({ field: "source", message: t("intake.error.source") });
  if (source === "representative" && !v["representative.name"]?.trim())
    errors.push({ field: "representative.name", message: t("intake.error.representative.name") });
  return errors;
}

/** What the procedure takes complaints about, in the reader's language, else its name. */
export function topicOf(
  p: { name: string; publicName: Partial<Record<"da" | "nb" | "en", string>> },
  lang: "da" | "nb" | "en",
  fallback: "da" | "nb" | "en",
): string {
  return p.publicName[lang] ?? p.publicName[fallback] ?? p.name;
}

/** Radio groups are reached from the error summary by their first option. */
const ANCHORS: Record<string, string> = { source: "source-option1", category: "category-option1" };

export function publicPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const render = (reply: FastifyReply, view: string, ctx: PageContext, data: object, status = 200) =>
    reply
      .code(status)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(views.render(view, { ...ctx, ...data }));

  app.get("/", async (request, reply) => {
    const ctx = pageContext(request);
    const organisations = (await listPublicProcedures(deps)).map((o) => ({
      ...o,
      procedures: o.procedures.map((p) => ({ ...p, topic: topicOf(p, ctx.lang, o.locale) })),
    }));
    return render(reply, "public/start.njk", ctx, { title: ctx.t("start.title"), organisations });
  });

  const showForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    p: PublicProcedure,
    values: FormValues,
    errors: FormError[],
  ) => {
    const ctx = pageContext(request, p.organisation.locale);
    const { list, map } = byField(
      errors.map((e) => (e.field === "source" ? { ...e, message: ctx.t("intake.error.source") } : e)),
      FIELD_ORDER,
    );
    const topic = topicOf(p.procedure, ctx.lang, p.organisation.locale);
    const heading = ctx.t("intake.form.heading", { topic });
    const title = list.length ? `${ctx.t("errors.title")}: ${heading}` : heading;
    const sources = publicSources(p);
    return render(
      reply,
      "public/complaint-form.njk",
      ctx,
      {
        title,
        heading,
        organisation: p.organisation,
        procedure: p.procedure,
        allowsAnonymous: p.procedure.allowAnonymous,
        // "who are you?" only when there is a choice; the one source there is needs no question
        sources:
          sources.length > 1
            ? sources.map((s) => ({
                value: s,
                label: ctx.t(`intake.source.${s}` as MessageKey),
                checked: values.source === s,
              }))
            : [],
        allowsRepresentative: sources.includes("representative"),
        decisionComplaint: p.procedure.decisionComplaints,
        units: [
          { value: "", text: ctx.t("form.unit.none") },
          ...p.units.map((u) => ({ value: u.code, text: u.name, isSelected: values.unit === u.code })),
        ],
        categories: p.procedure.categories.map((c) => ({
          value: c.code,
          label: c.name[ctx.lang] ?? c.name.da ?? c.code,
          checked: values.category === c.code,
        })),
        values,
        errors: map,
        errorList: list.map((e) => ({ ...e, field: ANCHORS[e.field] ?? e.field })),
        csrfToken: reply.generateCsrf(),
      },
      list.length ? 400 : 200,
    );
  };

  app.get<{ Params: { procedure: string } }>("/complaints/new/:procedure", async (request, reply) => {
    const p = await getPublicProcedure(deps, request.params.procedure);
    return showForm(request, reply, p, {}, []);
  });

  app.post<{ Params: { procedure: string } }>(
    "/complaints/new/:procedure",
    UPLOAD_ROUTE,
    async (request, reply) => {
      const form = await readUploadForm(request, reply);
      const p = await getPublicProcedure(deps, request.params.procedure);
      const ctx = pageContext(request, p.organisation.locale);
      const values = formValues(form.fields);
      const tooLarge = tooLargeErrors(form, "attachments", ctx.t);
      const powerOfAttorney = form.files.find((f) => f.field === "powerOfAttorney");
      const attachments = form.files.filter((f) => f.field === "attachments");
      const parsed = SubmitComplaintBody.safeParse(
        toSubmission(p.procedure.id, values, p.procedure.decisionComplaints, powerOfAttorney !== undefined),
      );
      const checks = formChecks(p, values, ctx.t);
      if (!parsed.success || tooLarge.length || checks.length) {
        return showForm(request, reply, p, values, [
          ...checks,
          ...(parsed.success ? [] : fromZod(parsed.error, ctx.t)),
          ...tooLarge,
        ]);
      }
      try {
        const { receipt } = await submitComplaint(deps, parsed.data, {
          channel: "web",
          attachments,
          ...(powerOfAttorney ? { powerOfAttorney } : {}),
        });
        return reply.redirect(
          `/complaints/status/${receipt.trackingToken}?submitted=1&lang=${ctx.lang}`,
          303,
        );
      } catch (error) {
        if (error instanceof ZodError) return showForm(request, reply, p, values, fromZod(error, ctx.t));
        return showForm(request, reply, p, values, fromFieldErrors(refusedFields(error), ctx.t));
      }
    },
  );

  app.post<{ Params: { token: string } }>("/complaints/status/:token", UPLOAD_ROUTE, (request, reply) => {
    const token = request.params.token;
    return postTextAndFiles(request, reply, {
      filesField: "attachments",
      submit: async ({ text, files }, ctx) => {
        await addCitizenInformation(deps, token, { text, attachments: files });
        return reply.redirect(
          `/complaints/status/${encodeURIComponent(token)}?added=1&lang=${ctx.lang}`,
          303,
        );
      },
      show: (values, errors) => showStatus(request, reply, token, values, errors),
    });
  });

  const showStatus = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    values: Record<string, string>,
    errors: FormError[],
  ) => {
    const query = request.query as { submitted?: string; added?: string };
    const status = await citizenStatus(deps, token);
    const ctx = pageContext(request, status.locale as "da" | "nb" | "en");
    const locale = intlLocale(ctx.lang);
    const day = (d: string) =>
      Temporal.PlainDate.from(d).toLocaleString(locale, {
        weekday: "long",
        day: "numeric",
        month: "long",
        year: "numeric",
      });
    const moment = (instant: string) =>
      Temporal.Instant.from(instant)
        .toZonedDateTimeISO(status.timeZone)
        .toLocaleString(locale, { dateStyle: "long", timeStyle: "short" });
    return render(
      reply,
      "public/status.njk",
      ctx,
      {
        title: ctx.t("status.title", { reference: status.reference }),
        status,
        statusText: ctx.t(`state.${status.status}` as MessageKey),
        lastUpdated: moment(status.lastUpdatedAt),
        // the deadlines the API's receipt and status give, no more and no fewer
        deadlines: status.deadlines.map((d) => ({
          name: ctx.t(`deadline.${d.kind}` as MessageKey),
          due: day(d.dueDate),
          met: d.metAt ? ctx.t("status.met.yes", { date: moment(d.metAt) }) : ctx.t("status.met.no"),
        })),
        // what happens next, said as sentences: only what is still ahead
        promises: status.deadlines
          .filter((d) => !d.metAt && PROMISES[d.kind])
          .map((d) => ctx.t(PROMISES[d.kind] as MessageKey, { date: day(d.dueDate) })),
        ...trackingLetters(status.letters, ctx.t, moment, token),
        justSubmitted: query.submitted === "1",
        added: query.added === "1" && errors.length === 0,
        token,
        values,
        errors: byField(errors, ["text", "attachments"]).map,
        errorList: byField(errors, ["text", "attachments"]).list,
        csrfToken: reply.generateCsrf(),
        // the configured public address when there is one (decision 0025), not the request's Host
        trackingUrl: `${deps.publicUrl ?? `${request.protocol}://${request.host}`}/complaints/status/${token}`,
      },
      errors.length ? 400 : 200,
    );
  };

  app.get<{ Params: { token: string } }>("/complaints/status/:token", (request, reply) =>
    showStatus(request, reply, request.params.token, {}, []),
  );

  // a letter's PDF (a letter for print) for the holder of the tracking link
  app.get<{ Params: { token: string; letterId: string } }>(
    "/complaints/status/:token/letters/:letterId/pdf",
    async (request, reply) => {
      const pdf = await complainantLetterPdf(deps, request.params.token, request.params.letterId);
      return reply
        .header("cache-control", "no-store")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(pdf.filename)}`)
        .type("application/pdf")
        .send(Buffer.from(pdf.content));
    },
  );
}
