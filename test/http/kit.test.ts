import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildApp } from "../../src/http/build-app.js";
import { buildOpenApiDocument } from "../../src/http/openapi.js";
import { defineRoute } from "../../src/http/route-kit.js";
import { authenticate, exampleRoutes, GOOD_TOKEN, seen, staffActor, trackStatus } from "./example-routes.js";

const PROBLEM = /^application\/problem\+json/;
const JSON_TYPE = /^application\/json/;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const validComplaint = {
  procedure: "dk-school",
  subject: "Skolebussen kom ikke",
  description: "Tre dage i træk.",
  complainant: { name: "Karen Jensen", email: "karen@example.dk", nationalId: "0101901234" },
};

describe("HTTP kit", () => {
  let app: FastifyInstance;
  const logLines: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({
      routes: exampleRoutes,
      authenticate,
      rateLimitPerMinute: 0,
      bodyLimitBytes: 2048,
      logger: { level: "info", stream },
      isReady: async () => {},
    });
  });
  afterAll(() => app.close());

  it("answers a valid public request with the response schema's fields only", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: validComplaint,
      headers: { "idempotency-key": "k-1", "x-other": "dropped" },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers["content-type"]).toMatch(JSON_TYPE);
    expect(res.headers.location).toBe("/api/v1/cases/c-1");
    expect(res.json()).toEqual({ id: "c-1", reference: "2026-0001", status: "received" });
    expect(seen.headers).toEqual({ "idempotency-key": "k-1" });
    expect(seen.actor).toBeNull();
    expect(seen.ip).toBe("127.0.0.1");
  });

  it("answers 400 with every field path of a nested body", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: {
        procedure: "",
        description: "x",
        complainant: { name: "K", email: "not-an-email", nationalId: "12" },
        decision: { date: "01-03-2026" },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(PROBLEM);
    const body = res.json();
    expect(body).toMatchObject({
      type: "https://klara.example/problems/invalid-input",
      title: "Invalid input",
      status: 400,
    });
    expect(typeof body.detail).toBe("string");
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "complainant.email",
      "complainant.nationalId",
      "decision.date",
      "procedure",
      "subject",
    ]);
    for (const error of body.errors) expect(error.message).toEqual(expect.any(String));
  });

  it("answers 400 for invalid params and query of a staff route", async () => {
    const res = await app.inject({ url: "/api/v1/cases/x-1?limit=1000", headers: bearer(GOOD_TOKEN) });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(PROBLEM);
    expect(res.json().errors).toEqual([
      { path: "id", message: "Not a case id" },
      { path: "limit", message: expect.any(String) },
    ]);
  });

  it("answers 400 problem for malformed JSON", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      headers: { "content-type": "application/json" },
      payload: '{"procedure": "dk-school",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({ status: 400, detail: "The request body is not valid JSON." });
  });

  it("strips undeclared fields, nested ones too, and passes the actor to staff handlers", async () => {
    const res = await app.inject({ url: "/api/v1/cases/c-7", headers: bearer(GOOD_TOKEN) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(JSON_TYPE);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.json()).toEqual({
      id: "c-7",
      subject: "Skolebus",
      handler: { personId: "p-1", name: "Sagsbehandler" },
    });
    expect(res.body).not.toContain("secretColumn");
    expect(res.body).not.toContain("argon2id");
    expect(seen.actor).toEqual(staffActor);
    expect(seen.query).toEqual({ limit: 20 });
  });

  it("answers 401 with WWW-Authenticate without a token and with a bad one", async () => {
    for (const headers of [{}, { authorization: "Basic dXNlcjpwdw==" }, bearer("wrong")]) {
      const res = await app.inject({ url: "/api/v1/cases/c-7", headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers["content-type"]).toMatch(PROBLEM);
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(res.json()).toMatchObject({
        type: "https://klara.example/problems/unauthenticated",
        status: 401,
      });
    }
  });

  it("answers 413 for an over-long body", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: { ...validComplaint, description: "x".repeat(5000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers["content-type"]).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({
      type: "https://klara.example/problems/payload-too-large",
      status: 413,
    });
  });

  it("answers 415 for text/plain, binary and untyped bodies", async () => {
    const bodies = [
      { headers: { "content-type": "text/plain" }, payload: JSON.stringify(validComplaint) },
      { headers: { "content-type": "application/octet-stream" }, payload: Buffer.from([0, 1, 2, 255]) },
      { headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "procedure=dk-school" },
    ];
    for (const { headers, payload } of bodies) {
      const res = await app.inject({ method: "POST", url: "/api/v1/complaints", headers, payload });
      expect(res.statusCode).toBe(415);
      expect(res.headers["content-type"]).toMatch(PROBLEM);
      expect(res.json()).toMatchObject({ type: "https://klara.example/problems/unsupported-media-type" });
    }
  });

  it("answers 404 problem for unknown routes", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/nothing-here?x=1" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(PROBLEM);
    expect(res.json()).toEqual({
      type: "https://klara.example/problems/not-found",
      title: "Not found",
      status: 404,
      detail: "There is no GET /api/v1/nothing-here.",
    });
  });

  it("maps KlaraError invalid_state to 409 with its reason", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/cases/c-7/commands/approve",
      headers: bearer(GOOD_TOKEN),
      payload: {},
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toMatch(PROBLEM);
    expect(res.json()).toEqual({
      type: "https://klara.example/problems/invalid-state",
      title: "Not allowed in the current state",
      status: 409,
      detail: "The draft has not been submitted for approval.",
      reason: "approval_required",
    });
  });

  it("answers 503 with one clear log line when the database is unreachable", async () => {
    const before = logLines.length;
    const res = await app.inject({ url: "/api/v1/database-down" });
    expect(res.statusCode).toBe(503);
    expect(res.headers["content-type"]).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({ type: "https://klara.example/problems/unavailable", status: 503 });
    expect(res.body).not.toContain("5432");
    const errors = logLines.slice(before).filter((line) => JSON.parse(line).level >= 50);
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0]!).msg).toContain("Database unavailable (ECONNREFUSED)");
  });

  it("answers 500 without internals for other errors and for responses the schema refuses", async () => {
    for (const url of ["/api/v1/crash", "/api/v1/bad-response"]) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(500);
      expect(res.headers["content-type"]).toMatch(PROBLEM);
      expect(res.body).not.toMatch(/relation|srv|count/);
      expect(res.json()).toEqual({
        type: "https://klara.example/problems/internal",
        title: "Internal server error",
        status: 500,
        detail: "An unexpected error occurred.",
      });
    }
  });

  it("answers 204 without a body", async () => {
    const res = await app.inject({ method: "DELETE", url: "/api/v1/notes/n-1", headers: bearer(GOOD_TOKEN) });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
  });

  it("serves /healthz", async () => {
    const res = await app.inject({ url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(JSON_TYPE);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("never logs bodies, query strings or tokens", async () => {
    logLines.length = 0;
    await app.inject({ url: "/api/v1/cases/c-7?limit=5&q=Jensen", headers: bearer(GOOD_TOKEN) });
    await app.inject({ method: "POST", url: "/api/v1/complaints", payload: validComplaint });
    await app.inject({ url: "/api/v1/crash" });
    const log = logLines.join("");
    expect(log).toContain('"url":"/api/v1/cases/c-7"');
    expect(log).toContain('"statusCode":201');
    for (const secret of ["Jensen", "karen@example.dk", "0101901234", GOOD_TOKEN, "limit=5", "Skolebussen"]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe("healthz when the database is down", () => {
  it("answers 503", async () => {
    const app = await buildApp({
      routes: [],
      authenticate,
      rateLimitPerMinute: 0,
      isReady: async () => {
        throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
      },
    });
    const res = await app.inject({ url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.headers["content-type"]).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({ status: 503 });
    await app.close();
  });
});

describe("rate limiting of public routes", () => {
  const call = (app: FastifyInstance) => app.inject({ url: "/api/v1/complaints/status/t-1" });

  it("answers 429 problem after N calls per client address, and leaves staff routes alone", async () => {
    const app = await buildApp({ routes: exampleRoutes, authenticate, rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await call(app)).statusCode).toBe(200);
    const limited = await call(app);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["content-type"]).toMatch(PROBLEM);
    expect(limited.headers["retry-after"]).toBeDefined();
    expect(limited.json()).toMatchObject({
      type: "https://klara.example/problems/rate-limited",
      status: 429,
    });
    // another address still gets through
    const other = await app.inject({ url: "/api/v1/complaints/status/t-1", remoteAddress: "10.0.0.9" });
    expect(other.statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ url: "/api/v1/cases/c-1", headers: bearer(GOOD_TOKEN) });
      expect(res.statusCode).toBe(200);
    }
    await app.close();
  });

  it("does not limit when the limit is 0", async () => {
    const app = await buildApp({ routes: [trackStatus], authenticate, rateLimitPerMinute: 0 });
    for (let i = 0; i < 50; i++) expect((await call(app)).statusCode).toBe(200);
    await app.close();
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with {id} paths, request and response schemas and the bearer scheme", async () => {
    const app = await buildApp({ routes: exampleRoutes, authenticate, rateLimitPerMinute: 10 });
    const res = await app.inject({ url: "/api/v1/openapi.json" });
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(JSON_TYPE);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths)).toContain("/api/v1/cases/{id}");
    expect(Object.keys(doc.paths)).toContain("/api/v1/cases/{id}/commands/approve");
    expect(JSON.stringify(Object.keys(doc.paths))).not.toContain(":");
    expect(doc.components.securitySchemes.bearerAuth).toEqual(
      expect.objectContaining({ type: "http", scheme: "bearer" }),
    );

    const getCase = doc.paths["/api/v1/cases/{id}"].get;
    expect(getCase.security).toEqual([{ bearerAuth: [] }]);
    expect(getCase.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "id",
          in: "path",
          required: true,
          schema: expect.objectContaining({ type: "string" }),
        }),
        expect.objectContaining({ name: "limit", in: "query", required: false }),
      ]),
    );
    const caseSchema = getCase.responses["200"].content["application/json"].schema;
    expect(Object.keys(caseSchema.properties)).toEqual(["id", "subject", "handler"]);
    expect(getCase.responses["401"].content["application/problem+json"].schema).toEqual({
      $ref: "#/components/schemas/Problem",
    });
    expect(doc.components.schemas.Problem.required).toEqual(["type", "title", "status", "detail"]);

    const submit = doc.paths["/api/v1/complaints"].post;
    expect(submit.security).toEqual([]);
    expect(submit.parameters).toEqual([
      expect.objectContaining({ name: "idempotency-key", in: "header", required: false }),
    ]);
    const request = submit.requestBody.content["application/json"].schema;
    expect(request.required).toEqual(["procedure", "subject", "description"]);
    // request schemas describe the input: a defaulted field is optional there
    expect(request.properties.complainant.required).toEqual(["name", "email", "nationalId"]);
    expect(request.properties.complainant.properties.email).toMatchObject({
      type: "string",
      format: "email",
    });
    expect(submit.responses["201"].content["application/json"].schema.required).toEqual([
      "id",
      "reference",
      "status",
    ]);
    for (const status of ["400", "413", "415", "429"]) {
      expect(submit.responses[status].content).toHaveProperty(["application/problem+json"]);
    }
    expect(submit.responses["401"]).toBeUndefined();
  });

  it("moves schemas with a meta id into components, input and output versions apart", async () => {
    const Person = z
      .object({ name: z.string(), active: z.boolean().default(true) })
      .meta({ id: "KitTestPerson" });
    const route = defineRoute({
      method: "PUT",
      url: "/api/v1/people/:personId",
      summary: "Replace a person",
      tags: ["people"],
      auth: "staff",
      params: z.object({ personId: z.string() }),
      body: z.object({ person: Person }),
      response: { 200: z.object({ person: Person, manager: Person.optional() }) },
      handler: async ({ body }) => ({ body: { person: body.person } }),
    });
    const doc = JSON.parse(JSON.stringify(buildOpenApiDocument([route])));
    const operation = doc.paths["/api/v1/people/{personId}"].put;
    expect(operation.operationId).toBe("putPeopleByPersonId");
    expect(JSON.stringify(doc)).not.toContain("$defs");
    const output = operation.responses["200"].content["application/json"].schema;
    expect(output.properties.person).toEqual({ $ref: "#/components/schemas/KitTestPerson" });
    const input = operation.requestBody.content["application/json"].schema;
    expect(input.properties.person).toEqual({ $ref: "#/components/schemas/KitTestPersonInput" });
    expect(doc.components.schemas.KitTestPerson.required).toEqual(["name", "active"]);
    expect(doc.components.schemas.KitTestPersonInput.required).toEqual(["name"]);
  });
});

describe("a listening server", () => {
  it("answers real HTTP requests on 127.0.0.1", async () => {
    const app = await buildApp({ routes: exampleRoutes, authenticate, rateLimitPerMinute: 0 });
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      const created = await fetch(`${address}/api/v1/complaints`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(validComplaint),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get("content-type")).toMatch(JSON_TYPE);
      expect(await created.json()).toEqual({ id: "c-1", reference: "2026-0001", status: "received" });

      const denied = await fetch(`${address}/api/v1/cases/c-1`);
      expect(denied.status).toBe(401);
      expect(denied.headers.get("content-type")).toMatch(PROBLEM);
      expect(denied.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await denied.json()).toMatchObject({ status: 401 });

      const binary = await fetch(`${address}/api/v1/complaints`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: new Uint8Array([0, 159, 146, 150]),
      });
      expect(binary.status).toBe(415);
      expect(binary.headers.get("content-type")).toMatch(PROBLEM);
    } finally {
      await app.close();
    }
  });
});
