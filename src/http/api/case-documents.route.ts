/**
 * POST /api/v1/cases/{id}/documents: staff attach documents to a case (multipart/form-data: one or
 * more `files` parts and an optional `note` field). The JSON-only route kit does not read multipart,
 * so this one route lives in its own scope with @fastify/multipart, the same Bearer token check and
 * problem+json answers. The same checks by content, size and number as the citizen's upload.
 */
import fastifyMultipart from "@fastify/multipart";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { attachStaffDocuments } from "../../app/attach-staff-documents.js";
import { authenticateToken } from "../../app/authenticate.js";
import type { AppDeps } from "../../app/context.js";
import type { UploadedFile } from "../../app/incoming-documents.js";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from "../../domain/documents.js";
import { invalidInput, KlaraError } from "../../domain/errors.js";
import {
  PROBLEM_CONTENT_TYPE,
  type Problem,
  problem,
  problemForStatus,
  problemFromKlaraError,
} from "../problem.js";

const send = (reply: FastifyReply, body: Problem) =>
  reply
    .code(body.status)
    .header("cache-control", "no-store")
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(body));

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** The route's OpenAPI operation (the generator documents route-kit routes only). */
export const CASE_DOCUMENTS_OPENAPI = {
  "/api/v1/cases/{id}/documents": {
    post: {
      operationId: "attachCaseDocuments",
      summary: "Attach documents to a case (staff)",
      description:
        "The same checks as the citizen's upload (type by content, size, number); one journal entry with each file's SHA-256.",
      tags: ["cases"],
      security: [{ bearerAuth: [] }],
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", maxLength: 64 } }],
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: {
              type: "object",
              required: ["files"],
              properties: {
                files: {
                  type: "array",
                  items: { type: "string", format: "binary" },
                  maxItems: MAX_DOCUMENTS,
                },
                note: { type: "string", maxLength: 2000 },
              },
            },
          },
        },
      },
      responses: {
        201: {
          description: "Attached",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["journalSeq", "documents"],
                properties: { journalSeq: { type: "integer" }, documents: { type: "integer" } },
              },
            },
          },
        },
        400: problemResponse("No file, a refused file (named under files) or a note too long"),
        401: problemResponse("No or an invalid API token"),
        403: problemResponse("The person may not see the case"),
        404: problemResponse("No such case"),
      },
    },
  },
};

export async function caseDocumentsApi(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: MAX_DOCUMENT_BYTES,
        files: MAX_DOCUMENTS,
        fields: 10,
        fieldSize: 8 * 1024,
        parts: 20,
      },
    });
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (request.isMultipart()) reply.header("connection", "close");
      if (error instanceof KlaraError) {
        if (error.code === "unauthenticated") reply.header("www-authenticate", "Bearer");
        return send(reply, problemFromKlaraError(error));
      }
      if (error.statusCode && error.statusCode < 500)
        return send(reply, problemForStatus(error.statusCode, error.message));
      request.log.error({ err: error }, "staff document upload failed");
      return send(reply, problem("internal", "Something went wrong on our side."));
    });

    scope.post<{ Params: { id: string } }>("/api/v1/cases/:id/documents", async (request, reply) => {
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
      const actor = match ? await authenticateToken(deps, match[1]!) : null;
      if (!actor)
        throw new KlaraError(
          "unauthenticated",
          "This endpoint requires an Authorization: Bearer <api token> header.",
        );
      if (!request.isMultipart()) {
        throw invalidInput([{ path: "files", message: "Send the files as multipart/form-data." }]);
      }
      const files: UploadedFile[] = [];
      const tooLarge: string[] = [];
      let note = "";
      for await (const part of request.parts()) {
        if (part.type === "field") {
          if (part.fieldname === "note" && typeof part.value === "string") note = part.value;
          continue;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of part.file as AsyncIterable<Buffer>) chunks.push(chunk);
        if (part.fieldname !== "files" || !part.filename) continue;
        if (part.file.truncated) tooLarge.push(part.filename);
        else files.push({ filename: part.filename, content: Buffer.concat(chunks) });
      }
      if (tooLarge.length) {
        throw invalidInput(
          tooLarge.map((f) => ({
            path: "files",
            message: `"${f}" is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`,
          })),
        );
      }
      const result = await attachStaffDocuments(deps, actor, request.params.id.slice(0, 64), { note, files });
      return reply.code(201).header("cache-control", "no-store").send(result);
    });
  });
}
