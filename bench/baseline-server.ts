/**
 * The bare baseline for the intake benchmark: a minimal Fastify server that accepts the same
 * `POST /api/v1/complaints` body as Klara, validates it with a Zod schema of the same shape,
 * and inserts one row into a one-table schema with the same driver (better-sqlite3 in WAL
 * mode with synchronous=FULL, or a `pg` pool). It does nothing else: no deadlines, journal,
 * audit, tracking-token hashing or rate limiting. Klara's throughput divided by this one's
 * shows what Klara's own work costs on the same machine, runtime and database.
 *
 *   node dist-bench/baseline-server.js --db <file | postgres://…> --port <port> [--host 127.0.0.1]
 */
import { randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import Fastify from "fastify";
import pg from "pg";
import { z } from "zod";

const Contact = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
  phone: z.string().trim().min(3).max(40).optional(),
  address: z.string().trim().min(1).max(500).optional(),
  nationalId: z.string().trim().min(6).max(20).optional(),
  anonymous: z.boolean().default(false),
});

const ComplaintBody = z
  .object({
    procedure: z.string().trim().min(1).max(100),
    unit: z.string().trim().min(1).max(100).optional(),
    complainant: Contact.partial({ name: true }).optional(),
    representative: z.object({ name: z.string().trim().min(1).max(200), email: z.email() }).optional(),
    subject: z.string().trim().min(1).max(300),
    description: z.string().trim().min(1).max(20_000),
    category: z.string().trim().min(1).max(100).optional(),
    decision: z
      .object({
        date: z.iso.date(),
        reference: z.string().max(100).optional(),
        area: z.string().max(200).optional(),
        fastTrack: z.boolean().optional(),
      })
      .optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const c = body.complainant;
    if (!c?.anonymous && !(c?.email || c?.phone || c?.address)) {
      ctx.addIssue({
        code: "custom",
        path: ["complainant", "email"],
        message: "a non-anonymous complaint needs an e-mail address, a phone number or an address",
      });
    }
  });

type ComplaintBody = z.infer<typeof ComplaintBody>;

interface Row {
  id: string;
  reference: string;
  procedure: string;
  unit: string | null;
  subject: string;
  description: string;
  category: string | null;
  complainant: string | null;
  tracking_token: string;
  status: string;
  received_at: string;
}

type Insert = (row: Row) => Promise<void>;

const COLUMNS = [
  "id",
  "reference",
  "procedure",
  "unit",
  "subject",
  "description",
  "category",
  "complainant",
  "tracking_token",
  "status",
  "received_at",
] as const;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS baseline_complaint (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL UNIQUE,
  procedure TEXT NOT NULL,
  unit TEXT,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  category TEXT,
  complainant TEXT,
  tracking_token TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  received_at TEXT NOT NULL
)`;

async function openStore(db: string): Promise<{ insert: Insert; close: () => Promise<void> }> {
  if (/^postgres(ql)?:\/\//.test(db)) {
    const pool = new pg.Pool({ connectionString: db, max: 10 });
    await pool.query(CREATE_TABLE);
    const text = `INSERT INTO baseline_complaint (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})`;
    return {
      insert: async (row) => {
        await pool.query({ name: "baseline_insert", text, values: COLUMNS.map((c) => row[c]) });
      },
      close: () => pool.end(),
    };
  }
  const sqlite = new Database(db);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.exec(CREATE_TABLE);
  const statement = sqlite.prepare(
    `INSERT INTO baseline_complaint (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map((c) => `@${c}`).join(", ")})`,
  );
  return {
    insert: async (row) => {
      statement.run(row);
    },
    close: async () => {
      sqlite.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      port: { type: "string", default: "3100" },
      host: { type: "string", default: "127.0.0.1" },
    },
  });
  if (!values.db) throw new Error("--db <file | postgres://…> is required");
  const store = await openStore(values.db);
  let sequence = 0;

  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.get("/healthz", async () => ({ ok: true }));
  app.post("/api/v1/complaints", async (request, reply) => {
    const parsed = ComplaintBody.safeParse(request.body);
    if (!parsed.success) {
      return reply
        .code(400)
        .type("application/problem+json")
        .send({
          type: "about:blank",
          title: "Invalid input",
          status: 400,
          errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        });
    }
    const body: ComplaintBody = parsed.data;
    sequence += 1;
    const receivedAt = new Date().toISOString();
    const row: Row = {
      id: randomUUID(),
      reference: `B-${process.pid}-${sequence}`,
      procedure: body.procedure,
      unit: body.unit ?? null,
      subject: body.subject,
      description: body.description,
      category: body.category ?? null,
      complainant: body.complainant ? JSON.stringify(body.complainant) : null,
      tracking_token: randomBytes(24).toString("base64url"),
      status: "received",
      received_at: receivedAt,
    };
    await store.insert(row);
    return reply.code(201).send({
      id: row.id,
      reference: row.reference,
      status: row.status,
      receivedAt,
      deadlines: [],
      trackingToken: row.tracking_token,
    });
  });

  const shutdown = async (): Promise<void> => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());

  await app.listen({ port: Number(values.port), host: values.host });
  console.log(`baseline listening on http://${values.host}:${values.port} (${values.db})`);
}

main().catch((error: unknown) => {
  console.error(`baseline-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
