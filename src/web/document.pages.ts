/** Downloading a case's document: only for those who may see the case; never rendered inline. */
import type { FastifyInstance } from "fastify";
import { readCaseDocument } from "../app/case-documents.js";
import type { AppDeps } from "../app/context.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

export function documentPages(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { id: string; documentId: string } }>(
    "/cases/:id/documents/:documentId",
    { preHandler: requireSignIn(deps) },
    async (request, reply) => {
      const doc = await readCaseDocument(
        deps,
        actorOf(request),
        request.params.id,
        request.params.documentId,
      );
      return reply
        .header("cache-control", "no-store")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .type(doc.mediaType)
        .send(Buffer.from(doc.content));
    },
  );
}
