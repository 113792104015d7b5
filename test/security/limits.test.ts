/**
 * Resource limits (issue 10 point 5): a slow-drip body is cut off; an unauthenticated multipart
 * flood is refused before it is buffered (the server's memory measured); the citizen's pages are
 * rate-limited like the public API.
 */
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../src/http/build-app.js";
import { setUploadBudget } from "../../src/web/form-reader.js";
import { DIALECTS } from "../support/test-db.js";
import { useServedOrganisation } from "./support.js";

describe("a slow-drip request", () => {
  it("is closed once its time is up", async () => {
    const app = await buildApp({
      routes: [],
      authenticate: async () => null,
      rateLimitPerMinute: 0,
      timeouts: { requestMs: 800, headersMs: 400, checkIntervalMs: 100 },
    });
    app.post("/api/v1/echo", async () => ({ ok: true }));
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    try {
      const closedAfter = await new Promise<number>((resolve, reject) => {
        const started = Date.now();
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(
            "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n",
          );
          const drip = setInterval(() => socket.writable && socket.write("1"), 100);
          socket.on("close", () => {
            clearInterval(drip);
            resolve(Date.now() - started);
          });
        });
        socket.on("error", () => undefined);
        setTimeout(() => reject(new Error("the slow body was still open after 8 s")), 8_000);
      });
      expect(closedAfter).toBeLessThan(4_000);
    } finally {
      await app.close();
    }
  }, 15_000);

  it("has its headers cut off too", async () => {
    const app = await buildApp({
      routes: [],
      authenticate: async () => null,
      rateLimitPerMinute: 0,
      timeouts: { requestMs: 1_500, headersMs: 400, checkIntervalMs: 100 },
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    try {
      const closedAfter = await new Promise<number>((resolve, reject) => {
        const started = Date.now();
        const socket = connect(port, "127.0.0.1", () => {
          socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
          const drip = setInterval(() => socket.writable && socket.write("X-A: b\r\n"), 100);
          socket.on("close", () => {
            clearInterval(drip);
            resolve(Date.now() - started);
          });
        });
        socket.on("error", () => undefined);
        setTimeout(() => reject(new Error("the slow headers were still open after 8 s")), 8_000);
      });
      expect(closedAfter).toBeLessThan(4_000);
    } finally {
      await app.close();
    }
  }, 15_000);
});

const MB = 1024 * 1024;

/** Posts a multipart body of `files` files of `fileBytes` each, generated as it is sent. */
function floodPost(
  port: number,
  path: string,
  files: number,
  fileBytes: number,
  form: { cookie?: string; csrf?: string } = {},
): Promise<number | "closed"> {
  const boundary = "----klaraflood";
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        // chunked: no length given
        headers: {
          "content-type": `multipart/form-data; boundary=${boundary}`,
          ...(form.cookie ? { cookie: form.cookie } : {}),
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", () => resolve("closed"));
    let file = 0;
    let sent = 0;
    let headerSent = false;
    if (form.csrf) {
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${form.csrf}\r\n`);
    }
    const pump = () => {
      while (file < files) {
        if (!headerSent) {
          const head = `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="f${file}.txt"\r\nContent-Type: text/plain\r\n\r\n`;
          headerSent = true;
          if (!req.write(head)) return void req.once("drain", pump);
        }
        while (sent < fileBytes) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
          if (req.destroyed) return;
        }
        if (!req.write("\r\n")) {
          file += 1;
          sent = 0;
          headerSent = false;
          return void req.once("drain", pump);
        }
        file += 1;
        sent = 0;
        headerSent = false;
      }
      req.end(`--${boundary}--\r\n`);
    };
    pump();
  });
}

describe.each(DIALECTS)("public uploads (%s)", (dialect) => {
  const served = useServedOrganisation(dialect);

  it("refuse an unauthenticated multipart flood before buffering it", async () => {
    const { app } = served();
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    try {
      // 20 parallel posts of 5 × 10 MB each (1 GB in all), each from the API's point of view anonymous
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          floodPost(port, `/complaints/status/kt_flood${i}?x=${i}`, 5, 10 * MB),
        ),
      );
      for (const a of answers) expect([403, "closed"]).toContain(a);
      expect(answers.filter((a) => a === 403).length).toBeGreaterThan(0);
    } finally {
      clearInterval(sampler);
    }
    // the bodies were never kept: far less than one of them
    expect((peak - before) / MB).toBeLessThan(120);
  }, 60_000);
});

describe.each(DIALECTS)("public uploads with a valid CSRF token (%s)", (dialect) => {
  const served = useServedOrganisation(dialect);

  it("are held to the process's upload budget, and the budget comes back", async () => {
    const { app } = served();
    const page = await app.inject({ url: "/complaints/new/dk-school" });
    const cookie = [page.headers["set-cookie"]]
      .flat()
      .map((c) => String(c).split(";")[0])
      .join("; ");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    expect(csrf).not.toBe("");
    await app.listen({ host: "127.0.0.1", port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const old = setUploadBudget(30 * MB);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    try {
      // 12 parallel posts of 5 × 8 MB with a valid token: more than the budget of 30 MB allows
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          floodPost(port, "/complaints/new/dk-school", 5, 8 * MB, { cookie, csrf }),
        ),
      );
      for (const a of answers) expect([503, "closed"]).toContain(a);
      expect(answers.filter((a) => a === 503).length).toBeGreaterThan(0);
      expect((peak - before) / MB).toBeLessThan(150);
      // every form gave its bytes back: a small upload goes through the budget again
      const small = await floodPost(port, "/complaints/new/dk-school", 1, 64 * 1024, { cookie, csrf });
      expect(small).toBe(400); // the form itself is incomplete: it is shown again with its errors
    } finally {
      clearInterval(sampler);
      setUploadBudget(old);
    }
  }, 60_000);
});

describe.each(DIALECTS)("the citizen's pages (%s)", (dialect) => {
  const served = useServedOrganisation(dialect, { rateLimitPerMinute: 3 });

  it("are rate-limited per client address like the public API", async () => {
    const { app } = served();
    const from = (address: string) =>
      app.inject({ url: "/complaints/new/dk-school", remoteAddress: address });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from("203.0.113.5")).statusCode);
    expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    const limited = await from("203.0.113.5");
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["content-type"]).toContain("text/html");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // another address is not affected, and the tracking page is limited too
    expect((await from("203.0.113.6")).statusCode).not.toBe(429);
    const track = (n: number) =>
      app.inject({ url: `/complaints/status/kt_unknown${n}`, remoteAddress: "203.0.113.7" });
    const tracked = [];
    for (let i = 0; i < 4; i++) tracked.push((await track(i)).statusCode);
    expect(tracked[3]).toBe(429);
    // staff pages are not limited this way (they sign in)
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ url: "/sign-in", remoteAddress: "203.0.113.5" })).statusCode).toBe(200);
    }
  });
});
