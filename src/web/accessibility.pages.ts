/**
 * The accessibility statement (tilgængelighedserklæring / tilgjengelighetserklæring) that every
 * page's footer links to: per organisation, the address the admin gave (the reader is sent there),
 * the text the admin wrote, or a default naming the organisation; and the admin's page to set it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  type AccessibilityStatement,
  getAccessibilityStatement,
  listStatementOrganisations,
  setAccessibilityStatement,
} from "../app/accessibility-statement.js";
import type { AppDeps } from "../app/context.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden, KlaraError } from "../domain/errors.js";
import { byField, type FormError } from "./form-errors.js";
import { pageContext } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

const FIELDS = ["url", "text"];

export function accessibilityPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);
  const adminOnly = async (request: FastifyRequest) => {
    if (!isAdmin(actorOf(request))) throw forbidden();
  };

  app.get("/accessibility", async (request, reply) => {
    const organisations = await listStatementOrganisations(deps);
    // one organisation: its statement at once
    if (organisations.length === 1 && organisations[0]) {
      return showStatement(request, reply, await getAccessibilityStatement(deps, organisations[0].id));
    }
    const ctx = pageContext(request);
    return renderPage(views, reply, "public/accessibility.njk", {
      ...ctx,
      title: ctx.t("a11y.title"),
      organisations,
    });
  });

  app.get<{ Params: { organisation: string } }>("/accessibility/:organisation", async (request, reply) =>
    showStatement(request, reply, await getAccessibilityStatement(deps, request.params.organisation)),
  );

  const showStatement = (request: FastifyRequest, reply: FastifyReply, s: AccessibilityStatement) => {
    if (s.url) return reply.header("cache-control", "no-store").redirect(s.url, 303);
    const ctx = pageContext(request, s.organisation.locale);
    return renderPage(views, reply, "public/accessibility.njk", {
      ...ctx,
      title: ctx.t("a11y.titleFor", { name: s.organisation.name }),
      statement: s,
      statementOrganisation: s.organisation.id,
    });
  };

  const showAdmin = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string> | null,
    errors: FormError[],
    done?: string,
  ) => {
    const ctx = staffContext(request, reply, "admin");
    const current = await getAccessibilityStatement(deps, actorOf(request).organisationId);
    const { list, map } = byField(errors, FIELDS);
    return renderPage(
      views,
      reply,
      "admin/accessibility.njk",
      {
        ...ctx,
        title: ctx.t("a11y.admin.title"),
        organisationId: current.organisation.id,
        values: values ?? { url: current.url ?? "", text: current.text ?? "" },
        errors: map,
        errorList: list,
        done,
      },
      list.length ? 400 : 200,
    );
  };

  app.get("/admin/accessibility", { preHandler: [signedIn, adminOnly] }, (request, reply) =>
    showAdmin(request, reply, null, []),
  );

  app.post(
    "/admin/accessibility",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values = {
        url: typeof body.url === "string" ? body.url.slice(0, 2100) : "",
        text: typeof body.text === "string" ? body.text.slice(0, 25_000) : "",
      };
      const t = staffContext(request, reply, "admin").t;
      try {
        await setAccessibilityStatement(deps, actorOf(request), values);
        return showAdmin(request, reply, null, [], t("a11y.admin.saved"));
      } catch (error) {
        if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
        const errors = (error.details.fieldErrors ?? []).map((e) => ({
          field: e.path,
          message: t(e.path === "text" ? "a11y.error.text" : "a11y.error.url"),
        }));
        return showAdmin(request, reply, values, errors);
      }
    },
  );
}
