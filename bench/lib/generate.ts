/**
 * Generating cases straight into the database, fast: SQLite row by row through better-sqlite3
 * prepared statements in transactions of 10,000 cases; PostgreSQL with one
 * `insert … select … from generate_series(…)` per table. Both follow the formulas of case-data.ts.
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import {
  CHANNELS,
  caseId,
  DATA_PIECES,
  DEADLINE_EXPLANATION,
  dataJson,
  generatedCase,
  HALF_POOL,
  isoDate,
  mix,
  OPEN_STATUSES,
  OUTCOMES,
  reference,
  type Setting,
  SQL_MIX,
  SUBJECT_POOL,
  type TextPools,
} from "./case-data.js";

const md5 = (s: string) => createHash("md5").update(s).digest("hex");
const DEMO_ADMIN = "admin@kommune.example";
const CASE_COLUMNS =
  "id, organisation_id, reference, procedure_id, procedure_version, status, type, category, channel, source, " +
  "confidentiality, unit_id, person_complained_about_id, subject, description, received_at, received_date, " +
  "outcome, next_due_date, next_due_kind, data, tracking_token_hash, version, created_at, updated_at, closed_at";
const DEADLINE_COLUMNS =
  "case_id, kind, due_date, original_due_date, explanation, met_at, missed_at, reminded_at, extensions";

interface DemoRows {
  organisationId: string;
  procedure: { id: string; current_version: number } | undefined;
  units: string[];
  people: { id: string; roles: string }[];
}

function settingOf(rows: DemoRows, anchorMs: number): Setting {
  if (!rows.procedure) throw new Error("the demo has no procedure dk-school");
  if (rows.units.length === 0 || rows.people.length === 0) throw new Error("the demo has no units or people");
  const handlers = rows.people.filter((p) => /"(manager|handler)"/.test(p.roles)).map((p) => p.id);
  return {
    organisationId: rows.organisationId,
    procedureId: rows.procedure.id,
    procedureVersion: rows.procedure.current_version,
    unitIds: rows.units,
    peopleIds: rows.people.map((p) => p.id),
    handlerIds: handlers.length ? handlers : rows.people.map((p) => p.id),
    anchorMs,
  };
}

/** Today 00:00 UTC: the generated dates are relative to it. */
export function todayAnchor(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

// ---------------------------------------------------------------- SQLite

export function readSqliteSetting(file: string, anchorMs: number): Setting {
  const db = new Database(file, { readonly: true });
  try {
    const admin = db.prepare("select organisation_id from people where email = ?").get(DEMO_ADMIN) as
      | { organisation_id: string }
      | undefined;
    if (!admin) throw new Error(`the demo has no ${DEMO_ADMIN}`);
    const org = admin.organisation_id;
    return settingOf(
      {
        organisationId: org,
        procedure: db
          .prepare(
            "select id, current_version from procedures where id = 'dk-school' and organisation_id = ?",
          )
          .get(org) as DemoRows["procedure"],
        units: (
          db.prepare("select id from units where organisation_id = ? order by code").all(org) as {
            id: string;
          }[]
        ).map((u) => u.id),
        people: db
          .prepare("select id, roles from people where organisation_id = ? order by email")
          .all(org) as DemoRows["people"],
      },
      anchorMs,
    );
  } finally {
    db.close();
  }
}

/** The values of cases row n, in CASE_COLUMNS order. */
function sqliteCaseValues(n: number, s: Setting, pools: TextPools) {
  const c = generatedCase(n, s);
  const id = caseId(md5(`klara-bench-case-${n}`));
  const twoWay = ["process", "decision"][mix(n, 11) % 2] as string;
  const subject = pools.subjects[mix(n, 4) % SUBJECT_POOL] as string;
  const description =
    `${pools.firstHalves[mix(n, 5) % HALF_POOL]} ${pools.secondHalves[mix(n, 18) % HALF_POOL]}` +
    ` Henvendelse nr. ${n}.`;
  const values = [
    id,
    s.organisationId,
    reference(n),
    s.procedureId,
    s.procedureVersion,
    c.status,
    c.status === "received" ? "unclassified" : twoWay,
    c.personnel ? "leadership" : (["school_conduct", "administration_conduct"][mix(n, 12) % 2] as string),
    CHANNELS[mix(n, 13) % CHANNELS.length] as string,
    mix(n, 14) % 10 === 0 ? "representative" : "citizen",
    c.personnel ? "personnel" : "normal",
    s.unitIds[mix(n, 15) % s.unitIds.length] as string,
    c.personnel ? (s.peopleIds[mix(n, 16) % s.peopleIds.length] as string) : null,
    subject,
    description,
    c.receivedAt,
    c.receivedAt.slice(0, 10),
    c.ended ? (OUTCOMES[mix(n, 10) % OUTCOMES.length] as string) : null,
    c.nextDueDate,
    c.ended ? null : "reply",
    dataJson(c),
    md5(`klara-bench-token-${n}`),
    1,
    c.receivedAt,
    c.closedAt ?? c.receivedAt,
    c.closedAt,
  ];
  return { c, id, values, body: `${subject}\n${description}` };
}

/** Adds cases from..to (inclusive) to a migrated SQLite file; returns the seconds it took. */
export function generateSqlite(file: string, s: Setting, pools: TextPools, from: number, to: number): number {
  const started = performance.now();
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    db.pragma("cache_size = -1048576");
    const marks = (k: number) => Array.from({ length: k }, () => "?").join(", ");
    const insertCase = db.prepare(`insert into cases (${CASE_COLUMNS}) values (${marks(26)})`);
    const insertDeadline = db.prepare(`insert into deadlines (${DEADLINE_COLUMNS}) values (${marks(9)})`);
    const insertHandler = db.prepare(
      "insert into case_handlers (case_id, person_id, part, position) values (?, ?, 'the whole complaint', 0)",
    );
    const insertDocument = db.prepare("insert into search_documents (case_id, body) values (?, ?)");
    const batch = db.transaction((first: number, last: number) => {
      for (let n = first; n <= last; n++) {
        const { c, id, values, body } = sqliteCaseValues(n, s, pools);
        insertCase.run(values);
        insertDeadline.run(
          id,
          "reply",
          c.replyDue,
          c.replyDue,
          DEADLINE_EXPLANATION,
          c.closedAt,
          c.missedAt,
          c.remindedAt,
          "[]",
        );
        if (c.handlerId) insertHandler.run(id, c.handlerId);
        insertDocument.run(id, body);
      }
    });
    for (let first = from; first <= to; first += 10_000) {
      batch(first, Math.min(to, first + 9_999));
      if ((first - from) % 100_000 === 0) process.stdout.write(".");
    }
    db.exec("analyze");
    db.pragma("optimize");
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
  return (performance.now() - started) / 1000;
}

// ---------------------------------------------------------------- PostgreSQL

export async function readPgSetting(url: string, anchorMs: number): Promise<Setting> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const admin = await client.query<{ organisation_id: string }>(
      "select organisation_id from people where email = $1",
      [DEMO_ADMIN],
    );
    const org = admin.rows[0]?.organisation_id;
    if (!org) throw new Error(`the demo has no ${DEMO_ADMIN}`);
    const procedure = await client.query<{ id: string; current_version: number }>(
      "select id, current_version from procedures where id = 'dk-school' and organisation_id = $1",
      [org],
    );
    const units = await client.query<{ id: string }>(
      "select id from units where organisation_id = $1 order by code",
      [org],
    );
    const people = await client.query<{ id: string; roles: string }>(
      "select id, roles from people where organisation_id = $1 order by email",
      [org],
    );
    return settingOf(
      {
        organisationId: org,
        procedure: procedure.rows[0],
        units: units.rows.map((u) => u.id),
        people: people.rows,
      },
      anchorMs,
    );
  } finally {
    await client.end();
  }
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const textArray = (items: readonly string[]) => `array[${items.map(quote).join(", ")}]`;

/** The insert into cases: the formulas of generatedCase/sqliteCaseValues, in SQL (mix = pg_temp.bench_mix). */
function pgCasesInsert(s: Setting): string {
  const d = DATA_PIECES;
  const anchor = quote(new Date(s.anchorMs).toISOString().slice(0, 19).replace("T", " "));
  const iso = (ts: string) => `to_char(${ts}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `
insert into cases (${CASE_COLUMNS})
select
  md5('klara-bench-case-' || n)::uuid::text, ${quote(s.organisationId)}, 'KLA-2025-' || lpad(n::text, 7, '0'),
  ${quote(s.procedureId)}, ${s.procedureVersion}, status,
  case when status = 'received' then 'unclassified' else (array['process', 'decision'])[1 + m11 % 2] end,
  case when personnel then 'leadership' else (array['school_conduct', 'administration_conduct'])[1 + m12 % 2] end,
  (${textArray(CHANNELS)})[1 + m13 % ${CHANNELS.length}],
  case when m14 % 10 = 0 then 'representative' else 'citizen' end,
  case when personnel then 'personnel' else 'normal' end,
  (${textArray(s.unitIds)})[1 + m15 % ${s.unitIds.length}],
  case when personnel then (${textArray(s.peopleIds)})[1 + m16 % ${s.peopleIds.length}] end,
  subj.t, a.t || ' ' || b.t || ' Henvendelse nr. ' || n || '.',
  received_at, substr(received_at, 1, 10),
  case when ended then (${textArray(OUTCOMES)})[1 + m10 % ${OUTCOMES.length}] end,
  next_due, case when ended then null else 'reply' end,
  '{"acknowledgedAt":' || case when status = 'received' then 'null' else '"' || received_at || '"' end
    || ',' || ${quote(d.complainant)} || (n % 9973) || ${quote(d.email)} || n || ${quote(d.handlers)}
    || case when handler is null then '[]' else ${quote(d.handlerOpen)} || handler || ${quote(d.handlerClose)} end
    || ${quote(d.rest)},
  md5('klara-bench-token-' || n), 1, received_at, coalesce(closed_at, received_at), closed_at
from (
  select g.*,
    case when ended then 'closed' else (${textArray(OPEN_STATUSES)})[1 + m2 % ${OPEN_STATUSES.length}] end as status,
    ${iso("received_ts")} as received_at,
    case when ended then ${iso("received_ts + (1 + m9 % 25) * interval '1 day'")} end as closed_at,
    case when not ended then to_char(${anchor}::timestamp + (m8 % 121 - 60) * interval '1 day', 'YYYY-MM-DD') end as next_due,
    case when personnel then (${textArray(s.handlerIds)})[1 + m17 % ${s.handlerIds.length}] end as handler
  from (
    select f.*,
      ${anchor}::timestamp
        - (case when ended then 30 + m6 % 1065 else m6 % 90 end) * interval '1 day'
        - (m7 % 86400) * interval '1 second' as received_ts
    from (
      select n, pg_temp.bench_mix(n, 1) % 1000 < 850 as ended, pg_temp.bench_mix(n, 3) % 1000 < 20 as personnel,
        pg_temp.bench_mix(n, 2) as m2, pg_temp.bench_mix(n, 4) as m4, pg_temp.bench_mix(n, 5) as m5,
        pg_temp.bench_mix(n, 6) as m6, pg_temp.bench_mix(n, 7) as m7, pg_temp.bench_mix(n, 8) as m8,
        pg_temp.bench_mix(n, 9) as m9, pg_temp.bench_mix(n, 10) as m10, pg_temp.bench_mix(n, 11) as m11,
        pg_temp.bench_mix(n, 12) as m12, pg_temp.bench_mix(n, 13) as m13, pg_temp.bench_mix(n, 14) as m14,
        pg_temp.bench_mix(n, 15) as m15, pg_temp.bench_mix(n, 16) as m16, pg_temp.bench_mix(n, 17) as m17,
        pg_temp.bench_mix(n, 18) as m18
      from generate_series($1::bigint, $2::bigint) n
    ) f
  ) g
) c
join pg_temp.bench_subjects subj on subj.i = c.m4 % ${SUBJECT_POOL}
join pg_temp.bench_first a on a.i = c.m5 % ${HALF_POOL}
join pg_temp.bench_second b on b.i = c.m18 % ${HALF_POOL}`;
}

const RANGE =
  "reference between 'KLA-2025-' || lpad($1::text, 7, '0') and 'KLA-2025-' || lpad($2::text, 7, '0')";

/** Adds cases from..to (inclusive) to a migrated PostgreSQL database; returns the seconds it took. */
export async function generatePostgres(
  url: string,
  s: Setting,
  pools: TextPools,
  from: number,
  to: number,
): Promise<number> {
  const started = performance.now();
  const main = new pg.Client({ connectionString: url });
  const second = new pg.Client({ connectionString: url });
  await main.connect();
  await second.connect();
  try {
    for (const client of [main, second]) {
      await client.query("set synchronous_commit = off");
      await client.query("set work_mem = '256MB'");
      await client.query("set maintenance_work_mem = '512MB'");
    }
    await main.query(SQL_MIX);
    for (const [table, texts] of [
      ["bench_subjects", pools.subjects],
      ["bench_first", pools.firstHalves],
      ["bench_second", pools.secondHalves],
    ] as const) {
      await main.query(`create temp table ${table} (i int primary key, t text not null)`);
      await main.query(
        `insert into pg_temp.${table} select i - 1, t from unnest($1::text[]) with ordinality as u(t, i)`,
        [texts],
      );
    }
    let lap = performance.now();
    const step = (name: string) => {
      const now = performance.now();
      process.stdout.write(` ${name} ${((now - lap) / 1000).toFixed(0)} s`);
      lap = now;
    };
    await main.query(pgCasesInsert(s), [from, to]);
    step("cases");
    const org = quote(s.organisationId);
    const anchorInstant = quote(new Date(s.anchorMs).toISOString());
    // deadlines and handlers on one connection, the search documents (to_tsvector) on the other
    await Promise.all([
      (async () => {
        await main.query(
          `insert into deadlines (${DEADLINE_COLUMNS})
           select id, 'reply', d, d, ${quote(DEADLINE_EXPLANATION)}, closed_at,
             case when next_due_date < ${quote(isoDate(s.anchorMs))} then ${anchorInstant} end,
             case when next_due_date <= ${quote(isoDate(s.anchorMs + 4 * 86_400_000))} then ${anchorInstant} end,
             '[]'
           from (select id, closed_at, next_due_date, coalesce(next_due_date,
                   to_char(received_at::timestamp + interval '30 days', 'YYYY-MM-DD')) as d
                 from cases where organisation_id = ${org} and ${RANGE}) c`,
          [from, to],
        );
        await main.query(
          `insert into case_handlers (case_id, person_id, part, position)
           select id, (${textArray(s.handlerIds)})[1 + pg_temp.bench_mix(substr(reference, 10)::bigint, 17) % ${s.handlerIds.length}],
             'the whole complaint', 0
           from cases where organisation_id = ${org} and ${RANGE} and confidentiality = 'personnel'`,
          [from, to],
        );
      })(),
      second.query(
        `insert into search_documents (case_id, body, tsv)
         select id, body, to_tsvector('danish', body)
         from (select id, subject || E'\\n' || description as body
               from cases where organisation_id = ${org} and ${RANGE}) c`,
        [from, to],
      ),
    ]);
    step("deadlines, handlers, search documents");
    await main.query("vacuum analyze");
    step("vacuum analyze");
  } finally {
    await main.end();
    await second.end();
  }
  return (performance.now() - started) / 1000;
}

/** A few generated rows as the formulas say, for checking that both databases hold the same. */
export function expectedSample(n: number, s: Setting, pools: TextPools) {
  const { values } = sqliteCaseValues(n, s, pools);
  return {
    reference: reference(n),
    values,
    dueDate: generatedCase(n, s).replyDue,
    today: isoDate(s.anchorMs),
  };
}
