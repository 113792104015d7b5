/**
 * Staff attach documents to a case from its page: a multipart form with the CSRF token before the
 * files (checked before a file's first byte is kept), the same checks as the citizen's upload.
 */
import type { FastifyInstance } from "fastify";
import { attachStaffDocuments } from "../app/attach-staff-documents.js";
import type { AppDeps } from "../app/context.js";
import { MAX_DOCUMENT_BYTES } from "../domain/documents.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";
import { readUploadForm, refusedFields } from "./upload-form.js";

export function staffDocumentPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  app.post<{ Params: { id: string } }>(
    "/cases/:id/documents",
    { preHandler: requireSignIn(deps) },
    async (request, reply) => {
      const form = await readUploadForm(request, reply);
      const caseId = request.params.id.slice(0, 64);
      const ctx = staffContext(request, reply, "cases");
      const refuse = (text: string) =>
        renderPage(views, reply, "message.njk", { ...ctx, title: ctx.t("documents.staff.title"), text }, 400);
      if (form.tooLarge.length) {
        const mb = MAX_DOCUMENT_BYTES / 1024 / 1024;
        return refuse(ctx.t("documents.staff.tooLarge", { mb, files: form.tooLarge.join(", ") }));
      }
      try {
        await attachStaffDocuments(deps, actorOf(request), caseId, {
          note: form.fields.note ?? "",
          files: form.files.filter((f) => f.field === "files"),
        });
      } catch (error) {
        const refused = refusedFields(error);
        const missing = refused.some((e) => e.message.startsWith("Choose"));
        return refuse(missing ? ctx.t("documents.staff.required") : refused.map((e) => e.message).join(" "));
      }
      return reply.redirect(`/cases/${caseId}?attached=1#documents`, 303);
    },
  );
}
