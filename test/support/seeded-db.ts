/**
 * The use-case suites' set-up: a test database of one dialect with one seeded organisation and deps
 * over a clock the test moves. Call `useSeededDb(dialect, { country })` once inside a describe block;
 * `deps`, `org` and `t` are ready in the tests.
 */
import { afterAll, beforeAll, expect } from "vitest";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import type { DialectName } from "../../src/db/dialect.js";
import { KlaraError } from "../../src/domain/errors.js";
import {
  DEFAULT_NOW,
  type SeededOrganisation,
  type SeedOptions,
  seedOrganisation,
  testDeps,
} from "./fixtures.js";
import { openTestDb, type TestDatabase } from "./test-db.js";

export interface SeededDb {
  readonly t: TestDatabase;
  readonly deps: ReturnType<typeof testDeps>;
  readonly org: SeededOrganisation;
}

export function useSeededDb(dialect: DialectName, options: SeedOptions, now = DEFAULT_NOW): SeededDb {
  const state = {} as { t: TestDatabase; deps: ReturnType<typeof testDeps>; org: SeededOrganisation };
  beforeAll(async () => {
    state.t = await openTestDb(dialect);
    state.deps = testDeps(state.t.db, now);
    state.org = await seedOrganisation(state.deps, options);
  });
  afterAll(async () => {
    await state.t?.cleanup();
  });
  return {
    get t() {
      return state.t;
    },
    get deps() {
      return state.deps;
    },
    get org() {
      return state.org;
    },
  };
}

/** A dk-school complaint at school A, as the public form sends it. */
export function schoolComplaint(patch: Partial<SubmitComplaintBody> = {}): SubmitComplaintBody {
  return {
    procedure: "dk-school",
    unit: "SKOLE-A",
    complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
    subject: "Mobning i 4.b",
    description: "Min søn bliver mobbet i frikvartererne, og skolen gør ikke noget.",
    category: "school_conduct",
    ...patch,
  };
}

/** Awaits a use case that must fail with a KlaraError, and returns it. */
export async function expectKlaraError(promise: Promise<unknown>): Promise<KlaraError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KlaraError);
    return error as KlaraError;
  }
  throw new Error("expected a KlaraError, but the call succeeded");
}
