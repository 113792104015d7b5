/**
 * The keys that encrypt national ids at rest, for every `klara` command, and `klara keys rotate`.
 * Production is `klara serve` without `--demo`: it needs KLARA_ENCRYPTION_KEY (or _FILE), or a key file
 * an earlier command made beside the database (with a warning); the demo and the other commands fall
 * back to that key file, creating it (src/app/national-id-keys.ts).
 */
import type { AppDeps } from "../app/context.js";
import { type Keyring, resolveKeyring, rotateKeys } from "../app/national-id-keys.js";

export function keyringFor(
  command: string,
  flags: Readonly<Record<string, unknown>>,
  target: string,
): Keyring {
  return resolveKeyring({
    env: process.env,
    target,
    production: command === "serve" && flags.demo !== true,
    warn: (line) => process.stderr.write(`klara: warning: ${line}\n`),
  });
}

export async function keysRotate(deps: AppDeps, io: { out(line: string): void }): Promise<number> {
  const r = await rotateKeys(deps);
  io.out(
    `Re-encrypted with the current key: ${r.nationalIds} national ids (of ${r.cases} cases), ${r.trackingTokens} tracking links and ${r.receipts} kept receipts` +
      `${r.mailboxPasswords ? `, and ${r.mailboxPasswords} mailbox passwords` : ""}. ` +
      "Older keys can now be removed.",
  );
  return 0;
}
