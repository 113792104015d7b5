/**
 * Errors answered over a real socket (not injected): a request whose body has been read and whose
 * handler then fails gets its problem+json. Node destroys a request stream once its body is read,
 * which once made every such 400 look like a client that had hung up, and nothing was sent.
 */
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { invalidInput } from "../../src/domain/errors.js";
import { buildApp } from "../../src/http/build-app.js";

describe("a failing POST over HTTP", () => {
  it("is answered with its problem+json, not left hanging", async () => {
    const app = await buildApp({ routes: [], authenticate: async () => null, rateLimitPerMinute: 0 });
    app.post("/api/v1/refuse", async () => {
      throw invalidInput([{ path: "source", message: "Not a source a complainant may give." }]);
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/refuse`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ source: "ombudsman", subject: "x".repeat(2000) }),
        signal: AbortSignal.timeout(5_000),
      });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      const body = (await res.json()) as { errors: { path: string }[] };
      expect(body.errors.map((e) => e.path)).toEqual(["source"]);
    } finally {
      await app.close();
    }
  });
});
