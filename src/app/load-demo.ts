/**
 * `klara demo` (SPEC §9): the demo organisations, their people (each with a demo password and an API
 * token), the shipped procedures and a few dozen cases in every state, all in one transaction and
 * only into an empty database. Cases are registered with createCase and worked with the same code
 * path as the API's commands, on a clock that the loader moves through each case's back-dated history.
 */
import { argon2id, hash } from "argon2";
import { Temporal } from "temporal-polyfill";
import { markDemoDatabase } from "../db/installation.repository.js";
import {
  countAll,
  insertApiToken,
  insertOrganisation,
  insertPerson,
  insertProcedureVersion,
  insertUnit,
  updateUnitManagement,
} from "../db/organisation.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { FixedClock } from "../domain/clock.js";
import { localDateOf } from "../domain/deadline.js";
import { KlaraError } from "../domain/errors.js";
import type { Organisation, Person, Unit } from "../domain/organisation.js";
import { shippedProcedure } from "../domain/procedures/index.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction, type Tx } from "./context.js";
import { createCase } from "./create-case.js";
import { DEMO_ASVO_CASES } from "./demo-cases-asvo.js";
import { DEMO_EMPLOYMENT_CASES } from "./demo-cases-employment.js";
import { DEMO_SCHOOL_CASES } from "./demo-cases-school.js";
import {
  DEMO_ASVO,
  DEMO_KOMMUNE,
  DEMO_ORGANISATIONS,
  type DemoCase,
  type DemoOrganisation,
  type DemoStep,
  demoPassword,
} from "./demo-data.js";
import { runCaseCommandInTx } from "./run-case-command.js";
import { RegisterCaseBody } from "./schemas.js";
import { hashSecret, newSecret } from "./secrets.js";

export interface DemoLoaded {
  /** e-mail → a new API token, for every demo person */
  tokens: Record<string, string>;
  /** e-mail → the demo password (demo data only) */
  passwords: Record<string, string>;
  /** how many cases were created */
  cases: number;
}

export const DEMO_CASES: readonly { organisation: DemoOrganisation; cases: readonly DemoCase[] }[] = [
  { organisation: DEMO_KOMMUNE, cases: [...DEMO_SCHOOL_CASES, ...DEMO_EMPLOYMENT_CASES] },
  { organisation: DEMO_ASVO, cases: DEMO_ASVO_CASES },
];

/**
 * Demo passwords are published in the README, so a slow hash protects nothing; with argon2's
 * defaults (64 MiB, 3 passes) the demo's ~30 people took most of `npm start`'s start-up. Sign-in
 * verifies with the parameters stored in each hash, so these work like any other.
 */
function hashDemoPassword(password: string): Promise<string> {
  return hash(password, { type: argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
}

const refused = () => new KlaraError("conflict", "The demo only loads into an empty database.");

const DAY_MS = 24 * 60 * 60 * 1000;

/** The people of the demo by e-mail, as actors, with their organisation's time zone. */
type People = Map<string, Actor & { email: string }>;

export async function loadDemo(deps: AppDeps): Promise<DemoLoaded> {
  if ((await countAll(deps.db.kysely)) > 0) throw refused();
  const everyone = DEMO_ORGANISATIONS.flatMap((o) => o.people);
  const passwords: Record<string, string> = {};
  for (const p of everyone) passwords[p.email] = demoPassword(p.email);
  // Done before the transaction, in parallel, and cheaply: see hashDemoPassword.
  const hashes = new Map(
    await Promise.all(
      everyone.map(async (p) => [p.email, await hashDemoPassword(passwords[p.email]!)] as const),
    ),
  );
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    if ((await countAll(tx)) > 0) throw refused();
    // `serve --demo` serves only a database the demo made: never the demo beside real data.
    await markDemoDatabase(tx, iso(now));
    const people: People = new Map();
    const tokens: Record<string, string> = {};
    const setUpAt = iso(now.subtract({ hours: 24 * 100 }));
    const organisations = new Map<string, Organisation>();
    for (const spec of DEMO_ORGANISATIONS) {
      const org = await createOrganisation(deps, tx, spec, hashes, people, setUpAt);
      organisations.set(spec.key, org);
      for (const p of spec.people) {
        const token = newSecret("kla");
        await insertApiToken(tx, deps.newId(), people.get(p.email)!.personId, hashSecret(token), iso(now));
        tokens[p.email] = token;
      }
    }
    // The cases run on their own clock, moved through each case's history; never past `now`.
    const clock = new FixedClock(now);
    const demoDeps: AppDeps = { ...deps, clock };
    let cases = 0;
    for (const { organisation, cases: list } of DEMO_CASES) {
      const org = organisations.get(organisation.key)!;
      for (const [index, demoCase] of list.entries()) {
        await playCase(demoDeps, clock, tx, { org, people, now, index }, demoCase);
        cases += 1;
      }
    }
    return { tokens, passwords, cases };
  });
}

async function createOrganisation(
  deps: AppDeps,
  tx: Tx,
  spec: DemoOrganisation,
  hashes: ReadonlyMap<string, string>,
  people: People,
  at: string,
): Promise<Organisation> {
  const org: Organisation = {
    id: deps.newId(),
    name: spec.name,
    country: spec.country,
    timeZone: spec.timeZone,
    closingDays: [],
    locale: spec.locale,
  };
  await insertOrganisation(tx, org, at);
  const units = new Map<string, Unit>();
  for (const u of spec.units) {
    const parentId = u.parent ? units.get(u.parent)?.id : null;
    if (parentId === undefined) throw new Error(`Demo unit ${u.code}: parent ${u.parent} comes later.`);
    const unit: Unit = {
      id: deps.newId(),
      organisationId: org.id,
      code: u.code,
      name: u.name,
      parentId,
      managerId: null,
      routing: {},
      active: true,
    };
    await insertUnit(tx, unit);
    units.set(u.code, unit);
  }
  for (const p of spec.people) {
    const person: Person = {
      id: deps.newId(),
      organisationId: org.id,
      unitId: units.get(p.unit)!.id,
      email: p.email,
      name: p.name,
      roles: [...p.roles],
      active: true,
    };
    await insertPerson(tx, person, at, hashes.get(p.email) ?? null);
    people.set(p.email, {
      personId: person.id,
      organisationId: org.id,
      name: person.name,
      roles: [...person.roles],
      email: p.email,
    });
  }
  const idOf = (email: string) => personId(people, email);
  for (const u of spec.units) {
    if (!u.manager && !u.routing) continue;
    const routing = Object.fromEntries(Object.entries(u.routing ?? {}).map(([k, email]) => [k, idOf(email)]));
    await updateUnitManagement(tx, units.get(u.code)!.id, u.manager ? idOf(u.manager) : null, routing);
  }
  for (const id of spec.procedures) await insertProcedureVersion(tx, org.id, shippedProcedure(id), at);
  return org;
}

interface CaseScene {
  org: Organisation;
  people: People;
  now: Temporal.Instant;
  /** the case's place in its list, to spread receipt times over the day */
  index: number;
}

/** Registers one demo case back-dated and runs its steps, each at its own time. */
async function playCase(
  deps: AppDeps,
  clock: FixedClock,
  tx: Tx,
  scene: CaseScene,
  demo: DemoCase,
): Promise<ComplaintCase> {
  const { org, people, now } = scene;
  const receivedAt = receiptInstant(scene, demo.daysAgo);
  const registrant = demo.registeredBy ? actor(people, demo.registeredBy) : null;
  clock.set(iso(earliest(registrant ? receivedAt.add({ minutes: 15 }) : receivedAt, now)));
  const { complaint } = demo;
  const decisionDate =
    demo.decisionDaysBeforeReceipt !== undefined
      ? localDateOf(iso(receivedAt), org.timeZone)
          .subtract({ days: demo.decisionDaysBeforeReceipt })
          .toString()
      : undefined;
  const input = RegisterCaseBody.parse({
    ...complaint,
    receivedAt: iso(receivedAt),
    personComplainedAbout: complaint.personComplainedAbout
      ? personId(people, complaint.personComplainedAbout)
      : undefined,
    decision: complaint.decision ? { ...complaint.decision, date: decisionDate } : undefined,
  });
  let current = (await createCase(deps, tx, input, registrant)).case;
  let previous = clock.now();
  for (const step of demo.steps ?? []) {
    let at = earliest(receivedAt.add({ milliseconds: Math.round(step.day * DAY_MS) }), now);
    if (Temporal.Instant.compare(at, previous) <= 0) at = previous.add({ seconds: 1 });
    clock.set(iso(at));
    previous = at;
    const body = stepBody(step, current, at, org, people);
    try {
      current = await runCaseCommandInTx(deps, tx, actor(people, step.as), current.id, step.command, body);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`Demo case "${complaint.subject}", ${step.command} by ${step.as}: ${why}`, {
        cause: error,
      });
    }
  }
  return current;
}

/** The body as the API would get it: e-mails become person ids, left-out dates are filled in. */
function stepBody(
  step: DemoStep,
  c: ComplaintCase,
  at: Temporal.Instant,
  org: Organisation,
  people: People,
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...(step.body ?? {}) };
  const today = localDateOf(iso(at), org.timeZone);
  const running = (kind?: string) =>
    c.deadlines.find(
      (d) => !d.metAt && (kind ? d.kind === kind : ["reassessment", "reply"].includes(d.kind)),
    );
  const later = (date: string | undefined, days: number) =>
    Temporal.PlainDate.from(date ?? today.toString())
      .add({ days })
      .toString();
  switch (step.command) {
    case "assign": {
      const handlers = body.handlers as { person: string; part: string }[] | undefined;
      if (handlers) body.handlers = handlers.map((h) => ({ ...h, person: personId(people, h.person) }));
      if (typeof body.coordinator === "string") body.coordinator = personId(people, body.coordinator);
      break;
    }
    case "record-contact":
      body.at ??= iso(at);
      break;
    case "record-appeals-decision":
      body.decidedAt ??= today.toString();
      break;
    case "notify-delay":
      body.newDueDate ??= later(running()?.dueDate, 14);
      break;
    case "set-deadline":
      body.dueDate ??= later(running(body.kind as string)?.dueDate, 7);
      break;
  }
  return body;
}

/** Day `daysAgo` before now, local office hours spread by the case's index, never later than now. */
function receiptInstant(scene: CaseScene, daysAgo: number): Temporal.Instant {
  const { now, org, index } = scene;
  const day = localDateOf(iso(now), org.timeZone).subtract({ days: daysAgo });
  const minutes = 8 * 60 + 15 + ((index * 47) % 420);
  const local = day.toZonedDateTime({
    timeZone: org.timeZone,
    plainTime: new Temporal.PlainTime(Math.floor(minutes / 60), minutes % 60),
  });
  const latest = now.subtract({ minutes: 45 + index });
  return earliest(local.toInstant(), latest);
}

function earliest(a: Temporal.Instant, b: Temporal.Instant): Temporal.Instant {
  return Temporal.Instant.compare(a, b) <= 0 ? a : b;
}

const iso = (i: Temporal.Instant) => i.toString({ smallestUnit: "millisecond" });

function actor(people: People, email: string): Actor {
  const p = people.get(email);
  if (!p) throw new Error(`The demo names an unknown person: ${email}`);
  return { personId: p.personId, organisationId: p.organisationId, name: p.name, roles: [...p.roles] };
}

const personId = (people: People, email: string) => actor(people, email).personId;
