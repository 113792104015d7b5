/** Public endpoints: submitting a complaint and following it by its tracking token. */
import { z } from "zod";
import { complainantLetters } from "../../app/complainant-letters.js";
import { complaintStatus } from "../../app/complaint-status.js";
import type { AppDeps } from "../../app/context.js";
import { SubmitComplaintBody } from "../../app/schemas.js";
import { submitComplaint } from "../../app/submit-complaint.js";
import { defineRoute, type RouteDefinition } from "../route-kit.js";

const PublicDeadline = z.object({ kind: z.string(), dueDate: z.string(), metAt: z.string().nullable() });

const Receipt = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: z.string(),
    receivedAt: z.string(),
    deadlines: z.array(PublicDeadline),
    trackingToken: z.string(),
  })
  .meta({ id: "SubmissionReceipt" });

const Status = z
  .object({
    reference: z.string(),
    status: z.string(),
    deadlines: z.array(PublicDeadline),
    lastUpdatedAt: z.string(),
  })
  .meta({ id: "ComplaintStatus" });

const ComplaintLetters = z
  .object({
    reference: z.string(),
    letters: z
      .array(
        z.object({
          letter: z
            .string()
            .describe("acknowledgement, handler_assigned, delay_notice, preliminary_reply, reply, …"),
          delivery: z.enum([
            "email_sent",
            "email_waiting",
            "email_failed",
            "post_waiting",
            "post_sent",
            "digital_post_sent",
            "digital_post_waiting",
          ]),
          createdAt: z.string(),
        }),
      )
      .describe("The letters sent to the complainant (or their representative), oldest first"),
  })
  .meta({ id: "ComplaintLetters" });

export function publicRoutes(deps: AppDeps): RouteDefinition[] {
  const submit = defineRoute({
    method: "POST",
    url: "/api/v1/complaints",
    summary: "Submit a complaint (public; Idempotency-Key replays the first answer for 24 hours)",
    tags: ["public"],
    auth: "public",
    headers: z.object({ "idempotency-key": z.string().min(1).max(200).optional() }),
    body: SubmitComplaintBody,
    response: { 201: Receipt },
    handler: async ({ body, headers, ip }) => {
      const key = headers["idempotency-key"];
      const result = await submitComplaint(deps, body, {
        // a key is scoped to its client: another client cannot replay someone's receipt
        ...(key ? { idempotencyKey: key, client: ip } : {}),
        channel: "api",
      });
      return {
        status: 201,
        body: result.receipt,
        ...(result.replayed ? { headers: { "idempotent-replayed": "true" } } : {}),
      };
    },
  });

  const status = defineRoute({
    method: "GET",
    url: "/api/v1/complaints/status/:trackingToken",
    summary: "A complaint's status by its private tracking token (nothing personal)",
    tags: ["public"],
    auth: "public",
    params: z.object({ trackingToken: z.string().min(10).max(100) }),
    response: { 200: Status },
    handler: async ({ params }) => ({ body: await complaintStatus(deps, params.trackingToken) }),
  });

  const letters = defineRoute({
    method: "GET",
    url: "/api/v1/complaints/status/:trackingToken/letters",
    summary:
      "The letters sent to the complainant, by the private tracking token (which, how, when; nothing personal)",
    tags: ["public"],
    auth: "public",
    params: z.object({ trackingToken: z.string().min(10).max(100) }),
    response: { 200: ComplaintLetters },
    handler: async ({ params }) => ({ body: await complainantLetters(deps, params.trackingToken) }),
  });

  return [submit, status, letters];
}
