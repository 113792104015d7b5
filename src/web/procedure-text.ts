/** A procedure's rules said in the reader's language, for the admin pages. */
import type { RuleCondition } from "../domain/procedure.js";
import type { MessageKey, Translate } from "./i18n/messages.js";

const labels = (t: Translate, prefix: string, values: readonly string[]) =>
  values.map((v) => t(`${prefix}.${v}` as MessageKey)).join(", ");

/** "Type: Decision complaint; fast-track decisions", or "" for a rule that always applies. */
export function describeCondition(when: RuleCondition, t: Translate): string {
  const parts: string[] = [];
  if (when.type) parts.push(t("when.type", { list: labels(t, "type", when.type) }));
  if (when.source) parts.push(t("when.source", { list: labels(t, "source", when.source) }));
  if (when.channel) parts.push(t("when.channel", { list: labels(t, "channel", when.channel) }));
  if (when.fastTrack !== undefined) parts.push(t(when.fastTrack ? "when.fastTrack" : "when.notFastTrack"));
  if (when.reassessmentChanged !== undefined)
    parts.push(t(when.reassessmentChanged ? "when.changed" : "when.notChanged"));
  return parts.join("; ");
}
