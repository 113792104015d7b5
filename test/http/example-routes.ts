import { z } from "zod";
import type { Actor } from "../../src/app/actor.js";
import { invalidState } from "../../src/domain/errors.js";
import { defineRoute, type RouteDefinition } from "../../src/http/route-kit.js";

/** Small example routes the kit tests register; the real endpoints live in src/http/api/. */

export const staffActor: Actor = { personId: "p-1", organisationId: "o-1", name: "Sagsbehandler", roles: [] };
export const GOOD_TOKEN = "good-token";
export const authenticate = async (token: string): Promise<Actor | null> =>
  token === GOOD_TOKEN ? staffActor : null;

/** What the last handler call saw, so tests can check the parsed inputs. */
export const seen: { headers?: unknown; actor?: Actor | null; ip?: string; query?: unknown } = {};

const complaintBody = z.object({
  procedure: z.string().min(1),
  subject: z.string().min(1).max(200),
  description: z.string().min(1),
  complainant: z
    .object({
      name: z.string().min(1),
      email: z.email(),
      nationalId: z.string().regex(/^\d{10}$/),
      anonymous: z.boolean().default(false),
    })
    .optional(),
  decision: z.object({ date: z.iso.date(), fastTrack: z.boolean().optional() }).optional(),
});

const receipt = z.object({ id: z.string(), reference: z.string(), status: z.string() });

export const submitComplaint = defineRoute({
  method: "POST",
  url: "/api/v1/complaints",
  summary: "Submit a complaint",
  tags: ["complaints"],
  auth: "public",
  body: complaintBody,
  headers: z.object({ "idempotency-key": z.string().max(64).optional() }),
  response: { 201: receipt },
  handler: async (req) => {
    seen.headers = req.headers;
    seen.actor = req.actor;
    seen.ip = req.ip;
    // a row straight from the database, with columns the contract does not publish
    const row = {
      id: "c-1",
      reference: "2026-0001",
      status: "received",
      nationalId: req.body.complainant?.nationalId ?? null,
      internalNote: "do not publish",
    };
    return { status: 201, body: row, headers: { location: "/api/v1/cases/c-1" } };
  },
});

const caseView = z.object({
  id: z.string(),
  subject: z.string(),
  handler: z.object({ personId: z.string(), name: z.string() }),
});

export const getCase = defineRoute({
  method: "GET",
  url: "/api/v1/cases/:id",
  summary: "Get a case",
  tags: ["cases"],
  auth: "staff",
  params: z.object({ id: z.string().regex(/^c-\d+$/, "Not a case id") }),
  querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
  response: { 200: caseView },
  handler: async ({ params, query, actor }) => {
    seen.actor = actor;
    seen.query = query;
    return {
      body: {
        id: params.id,
        subject: "Skolebus",
        secretColumn: "leak?",
        handler: { personId: actor.personId, name: actor.name, passwordHash: "argon2id$..." },
      },
    };
  },
});

export const approve = defineRoute({
  method: "POST",
  url: "/api/v1/cases/:id/commands/approve",
  summary: "Approve the draft reply",
  tags: ["cases"],
  auth: "staff",
  params: z.object({ id: z.string() }),
  body: z.object({}),
  response: { 200: caseView },
  handler: async () => {
    throw invalidState("approval_required", "The draft has not been submitted for approval.");
  },
});

export const trackStatus = defineRoute({
  method: "GET",
  url: "/api/v1/complaints/status/:token",
  summary: "Status of a complaint by its tracking token",
  tags: ["complaints"],
  auth: "public",
  params: z.object({ token: z.string() }),
  response: { 200: z.object({ status: z.string() }) },
  handler: async () => ({ body: { status: "received" } }),
});

export const databaseDown = defineRoute({
  method: "GET",
  url: "/api/v1/database-down",
  summary: "Fails like a lost database connection",
  tags: ["test"],
  auth: "public",
  response: { 200: z.object({}) },
  handler: async () => {
    throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  },
});

export const crash = defineRoute({
  method: "GET",
  url: "/api/v1/crash",
  summary: "Fails with a programming error",
  tags: ["test"],
  auth: "public",
  response: { 200: z.object({}) },
  handler: async () => {
    throw new Error('relation "person" does not exist (/srv/klara/src/db/person-repository.ts:42)');
  },
});

export const badResponse = defineRoute({
  method: "GET",
  url: "/api/v1/bad-response",
  summary: "Answers a body its schema refuses",
  tags: ["test"],
  auth: "public",
  response: { 200: z.object({ count: z.number() }) },
  handler: async () => ({ body: { count: "many" as unknown as number } }),
});

export const removeNote = defineRoute({
  method: "DELETE",
  url: "/api/v1/notes/:id",
  summary: "Remove a note",
  tags: ["test"],
  auth: "staff",
  params: z.object({ id: z.string() }),
  response: { 204: z.undefined() },
  handler: async () => ({ status: 204, body: undefined }),
});

export const exampleRoutes: RouteDefinition[] = [
  submitComplaint,
  getCase,
  approve,
  trackStatus,
  databaseDown,
  crash,
  badResponse,
  removeNote,
];
