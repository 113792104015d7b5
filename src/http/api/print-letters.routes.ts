/** Letters for print over the API (decision 0018; an extension of API.md): what waits, and marking one posted. */
import { z } from "zod";
import type { AppDeps } from "../../app/context.js";
import { listLettersForPrint, markLetterPrinted } from "../../app/print-letters.js";
import { defineRoute, type RouteDefinition } from "../route-kit.js";

const LetterForPrint = z
  .object({
    id: z.string(),
    caseId: z.string(),
    reference: z.string(),
    letter: z.string().describe("acknowledgement, reply, forward_to_appeals_board, …"),
    recipientName: z.string(),
    recipientAddress: z.string().nullable().describe("the postal address or phone number held"),
    subject: z.string(),
    createdAt: z.string(),
    pdf: z.string().describe("the letter's PDF/A (the journalised bytes)"),
  })
  .meta({ id: "LetterForPrint" });

export function printLetterRoutes(deps: AppDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/letters/for-print",
      summary: "Letters waiting to be printed and posted, on the cases I may see, oldest first",
      tags: ["letters"],
      auth: "staff",
      response: { 200: z.object({ letters: z.array(LetterForPrint) }) },
      handler: async ({ actor }) => {
        const { letters } = await listLettersForPrint(deps, actor);
        return {
          body: {
            letters: letters.map(({ template, ...l }) => ({
              ...l,
              letter: template,
              pdf: `/cases/${l.caseId}/letters/${l.id}/pdf`,
            })),
          },
        };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/letters/:id/posted",
      summary: "Mark a letter for print as printed and posted (journalised on its case)",
      description: "Already marked: 409; a case I may not see: 403; an unknown letter: 404.",
      tags: ["letters"],
      auth: "staff",
      params: z.object({ id: z.string().min(1).max(64) }),
      response: { 200: z.object({ caseId: z.string(), reference: z.string() }) },
      handler: async ({ actor, params }) => ({ body: await markLetterPrinted(deps, actor, params.id) }),
    }),
  ];
}
