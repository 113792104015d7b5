/**
 * Cases for the statistics benchmark, straight into the database after `klara demo`: realistic
 * cases across the demo's five procedures (their organisations, units, categories and root
 * causes), five years back — types, channels, sources, outcomes, withdrawn and not-a-complaint
 * cases, acknowledge/first-contact/reassessment/reply deadlines met, met after a delay notice or
 * missed (with the sweep's mark and a deviation), benefit areas and the appeals board's results,
 * informal resolutions, 2 % personnel cases and ~3 % still open. Case n is a function of n alone
 * (bench/lib/case-data.ts's mix), so SQLite and PostgreSQL hold the same data, written in the order
 * of receipt (`receiptOrder`). Multi-row inserts in transactions of 10,000 cases.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { caseId, isoDate, mix } from "./lib/case-data.js";

const DAY = 86_400_000;

export interface StatsProcedure {
  id: string;
  organisationId: string;
  version: number;
  categories: string[];
  rootCauses: string[];
  unitIds: string[];
  /** share of the cases, in per mille */
  weight: number;
}

export interface StatsSetting {
  procedures: StatsProcedure[];
  /** today 00:00 UTC */
  anchorMs: number;
}

const WEIGHTS: Record<string, number> = {
  "dk-school": 300,
  "dk-central-unit": 250,
  "dk-employment": 200,
  "dk-abc": 150,
  "no-workplace": 100,
};
const OPEN = ["received", "acknowledged", "assigned", "in_progress", "awaiting_approval", "answered"];
const CHANNELS = ["web", "web", "web", "email", "phone", "letter", "digital_post", "in_person"];
const SOURCES = [
  "citizen",
  "citizen",
  "citizen",
  "citizen",
  "representative",
  "citizens_advisor",
  "ombudsman",
];
const AREAS = ["dagpenge", "kontanthjaelp", "sygedagpenge", "fleksjob", "ressourceforloeb"];
const TYPES = [
  "process",
  "process",
  "process",
  "process",
  "process",
  "decision",
  "decision",
  "decision",
  "decision",
  "unclassified",
];
const APPEALS = [
  "upheld",
  "upheld",
  "upheld",
  "upheld",
  "upheld",
  "upheld",
  "upheld",
  "upheld",
  "changed",
  "remitted",
];

interface Row {
  values: unknown[];
  deadlines: unknown[][];
  deviation: unknown[] | null;
}

const pick = <T>(list: readonly T[], n: number, salt: number): T => list[mix(n, salt) % list.length] as T;
const iso = (ms: number) => new Date(ms).toISOString();

function procedureOf(n: number, s: StatsSetting): StatsProcedure {
  let r = mix(n, 101) % 1000;
  for (const p of s.procedures) {
    if (r < p.weight) return p;
    r -= p.weight;
  }
  return s.procedures[0] as StatsProcedure;
}

/** When case n was received: up to five years before the anchor. */
const receivedMsOf = (n: number, anchorMs: number) =>
  anchorMs - (mix(n, 106) % 1826) * DAY - (mix(n, 107) % 86_400) * 1000;

/**
 * Cases 1…count in the order they were received, as a real installation writes them: a month's
 * cases then lie together in the table, as they do in production (a rebuild reads a month at a
 * time; written in the order of n, every month's cases were spread over the whole table).
 */
export function receiptOrder(count: number, anchorMs: number): Uint32Array {
  const received = new Float64Array(count + 1);
  for (let n = 1; n <= count; n++) received[n] = receivedMsOf(n, anchorMs);
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i + 1;
  return order.sort((a, b) => (received[a] as number) - (received[b] as number) || a - b);
}

/** Case n with its deadlines and deviation, as column values in CASE_COLUMNS order. */
export function statsCase(n: number, s: StatsSetting): Row {
  const p = procedureOf(n, s);
  const id = caseId(
    mix(n, 102).toString(16).padStart(8, "0") +
      mix(n, 103).toString(16).padStart(8, "0") +
      mix(n, 104).toString(16).padStart(8, "0") +
      mix(n, 105).toString(16).padStart(8, "0"),
  );
  const daysBack = mix(n, 106) % 1826;
  const receivedMs = receivedMsOf(n, s.anchorMs);
  const open = daysBack < 120 ? mix(n, 108) % 100 < 35 : mix(n, 108) % 1000 < 5;
  const ending = mix(n, 109) % 100;
  const status = open
    ? pick(OPEN, n, 110)
    : ending < 90
      ? "closed"
      : ending < 97
        ? "withdrawn"
        : "not_a_complaint";
  const answered = status === "closed" || status === "answered";
  const personnel = mix(n, 111) % 1000 < 20;
  const type = pick(TYPES, n, 112);
  // a quarter upheld, a fifth partly, the rest not
  const outcome = answered
    ? mix(n, 113) % 100 < 25
      ? "upheld"
      : mix(n, 113) % 100 < 45
        ? "partly_upheld"
        : "not_upheld"
    : status === "withdrawn" || status === "not_a_complaint"
      ? status
      : null;
  // the reply: due after 30 days; 8 % moved by a delay notice; met after 3–45 days
  const replyDueMs = receivedMs + 30 * DAY;
  const delayed = mix(n, 114) % 100 < 8;
  const replyMetMs = answered ? receivedMs + (3 + (mix(n, 115) % 43)) * DAY : null;
  const replyDue = isoDate(replyDueMs + (delayed ? 20 * DAY : 0));
  const late = replyMetMs !== null && isoDate(replyMetMs) > replyDue;
  const missedAt = late && mix(n, 116) % 2 ? iso(Date.parse(`${replyDue}T23:00:00Z`)) : null;
  const deadline = (
    kind: string,
    due: string,
    original: string,
    metAt: string | null,
    missed: string | null,
  ) => [id, kind, due, original, "", metAt, missed, null, "[]"];
  const deadlines = [
    deadline(
      "acknowledge",
      isoDate(receivedMs + 5 * DAY),
      isoDate(receivedMs + 5 * DAY),
      status === "received" ? null : iso(receivedMs + (1 + (mix(n, 117) % 6)) * DAY),
      null,
    ),
    deadline("reply", replyDue, isoDate(replyDueMs), replyMetMs === null ? null : iso(replyMetMs), missedAt),
  ];
  if (p.id.startsWith("dk-abc")) {
    const hours = 2 + (mix(n, 118) % 100);
    deadlines.push(
      deadline(
        "firstContact",
        isoDate(receivedMs + 3 * DAY),
        isoDate(receivedMs + 3 * DAY),
        status === "received" ? null : iso(receivedMs + hours * 3_600_000),
        null,
      ),
    );
  }
  const reassessed = p.id.startsWith("dk-employment") && type === "decision" && mix(n, 119) % 100 < 30;
  if (reassessed) {
    deadlines.push(
      deadline(
        "reassessment",
        isoDate(receivedMs + 7 * DAY),
        isoDate(receivedMs + 7 * DAY),
        iso(receivedMs + (3 + (mix(n, 120) % 8)) * DAY),
        null,
      ),
    );
  }
  const withArea = (p.id.startsWith("dk-employment") || p.id.startsWith("dk-abc")) && type === "decision";
  const appealed = withArea && answered && mix(n, 121) % 100 < 15;
  const rootCauses =
    answered && p.rootCauses.length && mix(n, 122) % 100 < 45
      ? [
          ...new Set([
            pick(p.rootCauses, n, 123),
            ...(mix(n, 124) % 3 === 0 ? [pick(p.rootCauses, n, 125)] : []),
          ]),
        ]
      : [];
  const data = {
    acknowledgedAt: status === "received" ? null : iso(receivedMs + DAY),
    complainant: {
      anonymous: false,
      name: `Borger ${n % 9973}`,
      email: `borger${n}@example.dk`,
      phone: null,
      address: null,
      nationalId: null,
    },
    representative: null,
    decision: withArea
      ? {
          date: isoDate(receivedMs - 20 * DAY),
          reference: `YD-${n}`,
          area: pick(AREAS, n, 126),
          fastTrack: false,
          late: false,
        }
      : null,
    handlers: [],
    coordinatorId: null,
    approverId: null,
    signatoryId: null,
    draft: null,
    lastReturnReason: null,
    measures: null,
    rootCauses,
    resolution:
      p.id.startsWith("dk-abc") && answered ? (mix(n, 127) % 100 < 40 ? "informal" : "formal") : null,
    reassessment: null,
    appealsBoard: appealed
      ? {
          forwardedAt: iso((replyMetMs ?? receivedMs) + DAY),
          result: mix(n, 128) % 100 < 6 ? null : pick(APPEALS, n, 129),
          decidedAt: null,
        }
      : null,
    tasks: [],
    contacts: [],
  };
  const closedAt = open ? null : iso((replyMetMs ?? receivedMs + 10 * DAY) + DAY);
  const values = [
    id,
    p.organisationId,
    `KLA-S-${String(n).padStart(8, "0")}`,
    p.id,
    p.version,
    status,
    type,
    pick(p.categories, n, 130),
    pick(CHANNELS, n, 131),
    pick(SOURCES, n, 132),
    personnel ? "personnel" : "normal",
    pick(p.unitIds, n, 133),
    null,
    "Klage",
    "Genereret til statistikbenchmark",
    iso(receivedMs),
    isoDate(receivedMs + 3_600_000),
    outcome,
    open ? replyDue : null,
    open ? "reply" : null,
    JSON.stringify(data),
    `stats-${n}`,
    1,
    iso(receivedMs),
    closedAt ?? iso(receivedMs),
    closedAt,
  ];
  const deviation = missedAt ? [`dev-${id}`, id, "reply", replyDue, missedAt] : null;
  return { values, deadlines, deviation };
}

const CASE_COLUMNS =
  "id, organisation_id, reference, procedure_id, procedure_version, status, type, category, channel, source, " +
  "confidentiality, unit_id, person_complained_about_id, subject, description, received_at, received_date, " +
  "outcome, next_due_date, next_due_kind, data, tracking_token_hash, version, created_at, updated_at, closed_at";
const DEADLINE_COLUMNS =
  "case_id, kind, due_date, original_due_date, explanation, met_at, missed_at, reminded_at, extensions";
const DEVIATION_COLUMNS = "id, case_id, deadline_kind, due_date, recorded_at";

interface DefinitionRow {
  id: string;
  organisation_id: string;
  current_version: number;
  definition: string;
}

function settingOf(
  rows: DefinitionRow[],
  units: { id: string; organisation_id: string }[],
  anchorMs: number,
): StatsSetting {
  const procedures = rows
    .filter((r) => WEIGHTS[r.id] !== undefined)
    .map((r) => {
      const d = JSON.parse(r.definition) as { categories?: { code: string }[]; rootCauses?: string[] };
      return {
        id: r.id,
        organisationId: r.organisation_id,
        version: r.current_version,
        categories: (d.categories ?? []).map((c) => c.code),
        rootCauses: d.rootCauses ?? [],
        unitIds: units.filter((u) => u.organisation_id === r.organisation_id).map((u) => u.id),
        weight: WEIGHTS[r.id] ?? 0,
      };
    });
  if (procedures.length !== 5)
    throw new Error(`the demo should have five procedures, found ${procedures.map((p) => p.id)}`);
  return { procedures, anchorMs };
}

const PROCEDURES_SQL =
  "select p.id, p.organisation_id, p.current_version, v.definition from procedures p " +
  "join procedure_versions v on v.procedure_id = p.id and v.version = p.current_version";

export function readSqliteStatsSetting(file: string, anchorMs: number): StatsSetting {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare(PROCEDURES_SQL).all() as DefinitionRow[];
    const units = db.prepare("select id, organisation_id from units").all() as {
      id: string;
      organisation_id: string;
    }[];
    return settingOf(rows, units, anchorMs);
  } finally {
    db.close();
  }
}

export async function readPgStatsSetting(url: string, anchorMs: number): Promise<StatsSetting> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (await client.query<DefinitionRow>(PROCEDURES_SQL)).rows;
    const units = (
      await client.query<{ id: string; organisation_id: string }>("select id, organisation_id from units")
    ).rows;
    return settingOf(rows, units, anchorMs);
  } finally {
    await client.end();
  }
}

const marks = (columns: string) =>
  columns
    .split(",")
    .map(() => "?")
    .join(", ");

/** Cases 1…count into a SQLite file; returns seconds taken. */
export function generateStatsSqlite(file: string, s: StatsSetting, count: number): number {
  const started = performance.now();
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    db.pragma("cache_size = -1048576");
    const insertCase = db.prepare(`insert into cases (${CASE_COLUMNS}) values (${marks(CASE_COLUMNS)})`);
    const insertDeadline = db.prepare(
      `insert into deadlines (${DEADLINE_COLUMNS}) values (${marks(DEADLINE_COLUMNS)})`,
    );
    const insertDeviation = db.prepare(
      `insert into deviations (${DEVIATION_COLUMNS}) values (${marks(DEVIATION_COLUMNS)})`,
    );
    const order = receiptOrder(count, s.anchorMs);
    const batch = db.transaction((first: number, last: number) => {
      for (let i = first; i < last; i++) {
        const row = statsCase(order[i] as number, s);
        insertCase.run(row.values);
        for (const d of row.deadlines) insertDeadline.run(d);
        if (row.deviation) insertDeviation.run(row.deviation);
      }
    });
    for (let first = 0; first < count; first += 10_000) {
      batch(first, Math.min(count, first + 10_000));
      if (first % 200_000 === 0) process.stdout.write(".");
    }
    db.exec("analyze");
  } finally {
    db.close();
  }
  return (performance.now() - started) / 1000;
}

/**
 * The same cases into PostgreSQL, 1,000 rows per insert, 10,000 cases per transaction. Two
 * connections take alternate batches, so one batch is generated here while the server inserts
 * the other (the two cores are both busy; a batch still holds cases in the order of receipt).
 */
export async function generateStatsPostgres(url: string, s: StatsSetting, count: number): Promise<number> {
  const started = performance.now();
  const clients = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await Promise.all(clients.map((c) => c.connect()));
  const insert = async (client: pg.Client, table: string, columns: string, rows: unknown[][]) => {
    const width = columns.split(",").length;
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const params = chunk.flat();
      const tuples = chunk.map(
        (_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(", ")})`,
      );
      await client.query(`insert into ${table} (${columns}) values ${tuples.join(", ")}`, params);
    }
  };
  const order = receiptOrder(count, s.anchorMs);
  const worker = async (client: pg.Client, offset: number) => {
    for (let first = offset * 10_000; first < count; first += 20_000) {
      const rows = Array.from(order.subarray(first, Math.min(count, first + 10_000)), (n) => statsCase(n, s));
      await client.query("begin");
      await insert(
        client,
        "cases",
        CASE_COLUMNS,
        rows.map((r) => r.values),
      );
      await insert(
        client,
        "deadlines",
        DEADLINE_COLUMNS,
        rows.flatMap((r) => r.deadlines),
      );
      await insert(
        client,
        "deviations",
        DEVIATION_COLUMNS,
        rows.flatMap((r) => (r.deviation ? [r.deviation] : [])),
      );
      await client.query("commit");
      if (first % 200_000 === 0) process.stdout.write(".");
    }
  };
  try {
    await Promise.all(clients.map((c, i) => worker(c, i)));
    await clients[0]!.query("analyze");
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  return (performance.now() - started) / 1000;
}
