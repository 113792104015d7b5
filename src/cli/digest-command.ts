/**
 * `klara mail digest`: makes today's daily digest now for everyone who has not had it (decision
 * 0021) and exits; the e-mails go out with the next delivery (`klara mail deliver`, or serve's).
 * One line per outcome: how many digests were queued, had nothing due, or were made by another run.
 */
import type { AppDeps } from "../app/context.js";
import { sendDailyDigests } from "../app/daily-digest.js";

export async function mailDigest(deps: AppDeps, io: { out(line: string): void }): Promise<number> {
  const r = await sendDailyDigests(deps);
  io.out(`Daily digest: ${r.sent} queued for e-mail (deliver with klara mail deliver).`);
  io.out(`Daily digest: ${r.empty} with nothing due (none sent).`);
  io.out(`Daily digest: ${r.already} already made today by another run.`);
  return 0;
}
