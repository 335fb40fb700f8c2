// One sentence for the outcome of "resend the notice".
import type { ResendOutcome } from "@/lib/follow-up/resend-reset-notices";

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function describeResend(outcome: ResendOutcome): string {
  const parts = [outcome.sent ? `Notice queued for ${count(outcome.sent, "parent", "parents")}.` : "No notice was sent."];
  if (outcome.tooSoon) parts.push(`${count(outcome.tooSoon, "parent was", "parents were")} already sent one in the last 24 hours.`);
  if (outcome.noEmail) parts.push(`${count(outcome.noEmail, "parent has", "parents have")} no e-mail on record.`);
  if (outcome.notPending) parts.push(`${count(outcome.notPending, "parent has", "parents have")} re-registered or left the roster meanwhile.`);
  return parts.join(" ");
}
