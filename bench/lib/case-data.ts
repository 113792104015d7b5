/**
 * The generated cases of the list/search benchmark, defined once as formulas of the case number n
 * so that SQLite (row by row in JavaScript) and PostgreSQL (`insert … select … from generate_series`)
 * hold the same data: a 32-bit integer hash `mix(n, salt)` that both compute exactly (JavaScript's
 * Math.imul; PostgreSQL's bigint arithmetic, which never overflows for n < 2^31), and text pools
 * drawn once from a seeded PRNG (mulberry32). Only the dates move: they are relative to the day the
 * benchmark runs (`anchor`, today 00:00 UTC), so that open cases are due from 60 days ago to 60 days ahead.
 *
 * Shape: 85 % closed (next_due_date NULL, a met `reply` deadline), 15 % open (six open statuses,
 * one open `reply` deadline, next_due_date = its due date), 2 % personnel (category leadership, a
 * person complained about, one handler row). Subject and description come from a vocabulary of
 * 2,000 pseudo-words and some Danish words; SEARCH_WORD occurs in ~0.5 % of the cases.
 */

export const SEARCH_WORD = "vandskade";
/** The share of cases whose description holds SEARCH_WORD (10 of the 2,048 first halves). */
export const SEARCH_WORD_SHARE = 10 / 2048;

export const SUBJECT_POOL = 1024;
export const HALF_POOL = 2048;
export const OPEN_STATUSES = [
  "received",
  "acknowledged",
  "assigned",
  "in_progress",
  "in_progress",
  "awaiting_approval",
] as const;
export const OUTCOMES = ["upheld", "partly_upheld", "not_upheld", "not_upheld"] as const;
export const CHANNELS = ["web", "web", "email", "phone", "letter", "digital_post"] as const;
export const DEADLINE_EXPLANATION = "Svarfrist: 30 kalenderdage fra modtagelsen (genereret til benchmark)";

/** mulberry32: a small seeded PRNG, the same sequence on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The 32-bit hash of (n, salt); SQL_MIX below is the same function in PostgreSQL. */
export function mix(n: number, salt: number): number {
  let x = (Math.imul(n, 0x9e3779b1) + Math.imul(salt, 0x85ebca6b)) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x45d9f3b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * `pg_temp.bench_mix(n, salt)`: 2654435761 = 0x9e3779b1, 2246822507 = 0x85ebca6b,
 * 73244475 = 0x45d9f3b; `#` is XOR. Every product stays below 2^63. One expression without FROM,
 * so that PostgreSQL inlines it (a function call per use would cost ten times more).
 */
const X = "((n * 2654435761 + salt * 2246822507) % 4294967296)";
const Y = `(((${X} # (${X} >> 16)) * 73244475) % 4294967296)`;
export const SQL_MIX = `create function pg_temp.bench_mix(n bigint, salt bigint) returns bigint
language sql immutable parallel safe as $$ select ${Y} # (${Y} >> 16) $$`;

const DANISH = (
  "klage skole elev forælder lærer skoleleder mobning frikvarter undervisning klasse inklusion " +
  "specialundervisning bus befordring skolebus kørsel tilsyn trivsel fravær eksamen karakter prøve " +
  "afgørelse sagsbehandling partshøring aktindsigt begrundelse vejledning svar frist henvendelse " +
  "kommune forvaltning afdeling udvalg byråd borger barn søn datter familie hjem brev mail telefon " +
  "møde aftale plan handleplan pædagog psykolog sundhedsplejerske tandpleje madordning kantine " +
  "legeplads gymnastik svømning lejrskole ekskursion klassetur forsikring erstatning skade " +
  "ulykke sikkerhed adfærd respekt tone kommunikation information orientering forsinkelse ventetid"
).split(" ");

const SYLLABLES = (
  "ba be bi bo bu da de di do du fa fe fi fo fu ga ge gi go gu ha he hi ho hu ka ke ki ko ku " +
  "la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su " +
  "ta te ti to tu va ve vi vo vu ska sku sme sne spo sta stu tra tro bri bro gra kle"
).split(" ");

export interface TextPools {
  subjects: string[];
  /** first halves of descriptions; SEARCH_WORD is in 10 of them */
  firstHalves: string[];
  secondHalves: string[];
  vocabulary: number;
}

/** The text pools, drawn from a fixed seed: the same on every run and for both databases. */
export function textPools(): TextPools {
  const random = prng(20261122);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const words = new Set<string>();
  while (words.size < 2000) {
    const count = 2 + Math.floor(random() * 3);
    let w = "";
    for (let i = 0; i < count; i++) w += pick(SYLLABLES);
    if (!w.startsWith("vand")) words.add(w);
  }
  const vocabulary = [...words, ...DANISH];
  // Skewed towards the front, as words are in real text: a few common, most rare.
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 2)] as string;
  const phrase = (n: number) => Array.from({ length: n }, word).join(" ");
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

  const subjects = Array.from(
    { length: SUBJECT_POOL },
    () => `Klage over ${pick(DANISH)} og ${phrase(2 + Math.floor(random() * 3))}`,
  );
  const searchHalves = new Set<number>();
  while (searchHalves.size < Math.round(SEARCH_WORD_SHARE * HALF_POOL)) {
    searchHalves.add(Math.floor(random() * HALF_POOL));
  }
  const firstHalves = Array.from({ length: HALF_POOL }, (_, i) => {
    const text = phrase(10 + Math.floor(random() * 8)).split(" ");
    if (searchHalves.has(i)) text.splice(Math.floor(random() * text.length), 0, SEARCH_WORD);
    return `${capital(text.join(" "))}.`;
  });
  const secondHalves = Array.from(
    { length: HALF_POOL },
    () => `${capital(phrase(10 + Math.floor(random() * 8)))}. Vi ønsker en ${pick(DANISH)}.`,
  );
  return { subjects, firstHalves, secondHalves, vocabulary: vocabulary.length };
}

/** What the generator needs from the demo organisation. */
export interface Setting {
  organisationId: string;
  procedureId: string;
  procedureVersion: number;
  unitIds: string[];
  /** people a personnel complaint can concern */
  peopleIds: string[];
  /** people who handle personnel cases */
  handlerIds: string[];
  /** today 00:00 UTC, in ms */
  anchorMs: number;
}

const DAY_MS = 86_400_000;

export interface GeneratedCase {
  n: number;
  ended: boolean;
  personnel: boolean;
  status: string;
  receivedAt: string;
  closedAt: string | null;
  nextDueDate: string | null;
  /** due date of the reply deadline (met when ended) */
  replyDue: string;
  handlerId: string | null;
  /**
   * The deadline sweep's marks, as a server that has been running would have left them: an open
   * reply deadline past due is missed, one due within four days reminded. Without them the first
   * sweep of the benchmark's server would work through a backlog during the measurements.
   */
  missedAt: string | null;
  remindedAt: string | null;
}

export const caseId = (md5hex: string) =>
  `${md5hex.slice(0, 8)}-${md5hex.slice(8, 12)}-${md5hex.slice(12, 16)}-${md5hex.slice(16, 20)}-${md5hex.slice(20, 32)}`;
export const reference = (n: number) => `KLA-2025-${String(n).padStart(7, "0")}`;

/** The formulas for case n (mirrored by POSTGRES_CASE_COLUMNS in generate.ts). */
export function generatedCase(n: number, s: Setting): GeneratedCase {
  const ended = mix(n, 1) % 1000 < 850;
  const personnel = mix(n, 3) % 1000 < 20;
  const daysBack = ended ? 30 + (mix(n, 6) % 1065) : mix(n, 6) % 90;
  const receivedMs = s.anchorMs - daysBack * DAY_MS - (mix(n, 7) % 86400) * 1000;
  const closedMs = receivedMs + (1 + (mix(n, 9) % 25)) * DAY_MS;
  const nextDue = ended ? null : isoDate(s.anchorMs + ((mix(n, 8) % 121) - 60) * DAY_MS);
  return {
    n,
    ended,
    personnel,
    status: ended ? "closed" : (OPEN_STATUSES[mix(n, 2) % OPEN_STATUSES.length] as string),
    receivedAt: new Date(receivedMs).toISOString(),
    closedAt: ended ? new Date(closedMs).toISOString() : null,
    nextDueDate: nextDue,
    replyDue: nextDue ?? isoDate(receivedMs + 30 * DAY_MS),
    handlerId: personnel ? (s.handlerIds[mix(n, 17) % s.handlerIds.length] as string) : null,
    missedAt: nextDue && nextDue < isoDate(s.anchorMs) ? new Date(s.anchorMs).toISOString() : null,
    remindedAt:
      nextDue && nextDue <= isoDate(s.anchorMs + 4 * DAY_MS) ? new Date(s.anchorMs).toISOString() : null,
  };
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** cases.data as JSON text, in pieces that the PostgreSQL generator concatenates the same way. */
export const DATA_PIECES = {
  complainant: `"complainant":{"anonymous":false,"name":"Borger `,
  email: `","email":"borger`,
  handlers: `@example.dk","phone":null,"address":null,"nationalId":null},"representative":null,"decision":null,"handlers":`,
  handlerOpen: `[{"personId":"`,
  handlerClose: `","part":"the whole complaint","partReply":null}]`,
  rest:
    `,"coordinatorId":null,"approverId":null,"signatoryId":null,"draft":null,"lastReturnReason":null,` +
    `"measures":null,"rootCauses":[],"resolution":null,"reassessment":null,"appealsBoard":null,"tasks":[],"contacts":[]}`,
};

export function dataJson(c: GeneratedCase): string {
  const d = DATA_PIECES;
  const acknowledged = c.status === "received" ? "null" : `"${c.receivedAt}"`;
  const handlers = c.handlerId ? `${d.handlerOpen}${c.handlerId}${d.handlerClose}` : "[]";
  return (
    `{"acknowledgedAt":${acknowledged},${d.complainant}${c.n % 9973}${d.email}${c.n}` +
    `${d.handlers}${handlers}${d.rest}`
  );
}
