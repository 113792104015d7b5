/**
 * A representative's written power of attorney that arrives after the complaint (seed 004: a
 * representative acts for the citizen once it is received). Recording it on the case sends later
 * letters to the representative; it may name the representative when the complaint did not.
 */
import type { ComplaintCase } from "./case.js";
import type { CommandContext, CommandResult } from "./case-effects.js";
import { execute } from "./command-kit.js";
import { invalidInput, invalidState } from "./errors.js";
import { titled } from "./journal-events.js";

export interface PowerOfAttorneyInput {
  /** the representative the power of attorney names; omitted: the case's representative */
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
}

export function recordPowerOfAttorney(
  c0: ComplaintCase,
  input: PowerOfAttorneyInput,
  ctx: CommandContext,
): CommandResult {
  return execute("record-power-of-attorney", c0, ctx, (c, fx) => {
    if (c.complainant.anonymous) {
      throw invalidState("anonymous", "The complainant is anonymous; no one can be represented.");
    }
    const name = input.name?.trim() || c.representative?.name;
    if (!name) {
      throw invalidInput([
        { path: "name", message: "Name the representative the power of attorney is for.", code: "required" },
      ]);
    }
    if (c.representative?.powerOfAttorneyReceived) {
      throw invalidState("already_recorded", "The power of attorney is already recorded on the case.");
    }
    const before = c.representative;
    const renamed = !!before && before.name !== name;
    c.representative = {
      name,
      email: input.email?.trim() || (renamed ? null : (before?.email ?? null)),
      phone: input.phone?.trim() || (renamed ? null : (before?.phone ?? null)),
      address: input.address?.trim() || (renamed ? null : (before?.address ?? null)),
      powerOfAttorneyReceived: true,
    };
    fx.journal.push({
      kind: "field_change",
      ...titled("poa_received"),
      body: before
        ? `Representative: ${before.name}${before.powerOfAttorneyReceived ? "" : " (no power of attorney)"} → ${name} (power of attorney received). Letters go to the representative.`
        : `Representative: none → ${name} (power of attorney received). Letters go to the representative.`,
    });
  });
}
