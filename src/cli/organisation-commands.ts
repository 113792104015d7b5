/**
 * `klara organisation add`, `klara organisation closing-days` and `klara setup apply FILE`: a real
 * authority sets itself up without the demo (API.md "Commands").
 */
import { readFileSync } from "node:fs";
import { addOrganisation } from "../app/add-organisation.js";
import { setClosingDays } from "../app/closing-days.js";
import type { AppDeps } from "../app/context.js";
import { applySetup } from "../app/setup-apply.js";
import { resetPassword } from "../app/setup-password.js";

export interface CommandOutput {
  out(line: string): void;
}

export interface OrganisationFlags {
  name?: string;
  country?: string;
  "time-zone"?: string;
  language?: string;
  "admin-email"?: string;
  "admin-name"?: string;
  organisation?: string;
  add?: string[];
  remove?: string[];
}

/** A usage error: the caller prints the usage line and exits 2. */
export class FlagError extends Error {}

export async function organisationAdd(deps: AppDeps, flags: OrganisationFlags, io: CommandOutput) {
  if (!flags.name?.trim()) throw new FlagError("--name is required");
  if (!flags.country?.trim()) throw new FlagError("--country is required (DK or NO)");
  const email = flags["admin-email"];
  const adminName = flags["admin-name"];
  if ((email === undefined) !== (adminName === undefined)) {
    throw new FlagError("--admin-email and --admin-name go together");
  }
  const added = await addOrganisation(deps, {
    name: flags.name,
    country: flags.country.trim().toUpperCase() as "DK",
    ...(flags["time-zone"] ? { timeZone: flags["time-zone"] } : {}),
    ...(flags.language ? { locale: flags.language.trim() as "da" } : {}),
    ...(email && adminName ? { admin: { email, name: adminName } } : {}),
  });
  const o = added.organisation;
  io.out(o.id);
  io.out(
    `Added ${o.name} (${o.country}, ${o.timeZone}, pages in ${o.locale}) with the unit ${added.topUnit.code}.`,
  );
  if (added.admin) {
    const a = added.admin;
    io.out(
      `Its admin ${a.person.name} <${a.person.email}> signs in with this initial password, shown only now:`,
    );
    io.out(`  ${a.password}`);
  }
}

export async function organisationClosingDays(deps: AppDeps, flags: OrganisationFlags, io: CommandOutput) {
  if (!flags.organisation?.trim()) throw new FlagError("--organisation is required");
  const days = await setClosingDays(deps, flags.organisation.trim(), {
    add: flags.add ?? [],
    remove: flags.remove ?? [],
  });
  io.out(days.length > 0 ? days.join(" ") : "No closing days.");
}

export async function setupApply(deps: AppDeps, file: string | undefined, io: CommandOutput) {
  if (!file) throw new FlagError("setup apply needs the setup FILE");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file} (${(error as { code?: string }).code ?? "error"})`);
  }
  const result = await applySetup(deps, text, file);
  if (result.changes.length === 0) {
    io.out(`${file} is already applied: nothing changed.`);
    return;
  }
  for (const line of result.changes) io.out(line);
  io.out(`Applied ${file}: ${result.changes.length} change${result.changes.length === 1 ? "" : "s"}.`);
}

export async function userPassword(deps: AppDeps, email: string | undefined, io: CommandOutput) {
  if (!email?.trim()) throw new FlagError("--email is required");
  const { name, password } = await resetPassword(deps, email);
  io.out(`${name} <${email.trim().toLowerCase()}> signs in with this new password, shown only now:`);
  io.out(`  ${password}`);
}
