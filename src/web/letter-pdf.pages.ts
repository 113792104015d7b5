/**
 * A case's letter as PDF for staff who may see the case (the case policy, through the use case):
 * the journalised bytes of a letter for print, any other letter rendered the same way as a preview.
 */
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../app/context.js";
import { readLetterPdf } from "../app/letter-pdf-documents.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

export function letterPdfPages(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string; letterId: string } }>(
    "/cases/:id/letters/:letterId/pdf",
    { preHandler: requireSignIn(deps) },
    async (request, reply) => {
      const pdf = await readLetterPdf(deps, actorOf(request), request.params.id, request.params.letterId);
      // inline: the browser's own viewer is the preview; "attachment" on ?download
      const disposition = "download" in (request.query as object) ? "attachment" : "inline";
      return reply
        .header("cache-control", "no-store")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", `${disposition}; filename*=UTF-8''${encodeURIComponent(pdf.filename)}`)
        .type("application/pdf")
        .send(Buffer.from(pdf.content));
    },
  );
}
