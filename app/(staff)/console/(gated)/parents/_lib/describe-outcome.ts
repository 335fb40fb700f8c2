// The toast after a reset, from the domain's outcome counts.
import type { ToastMessage } from "@/components/ui/toast";
import type { ResetOutcome } from "@/lib/parents/reset-parent-logins";
import { plural } from "./plural";

export function describeResetOutcome(outcome: ResetOutcome): ToastMessage {
  const notes: string[] = [];
  if (outcome.resetRows > 0) notes.push(`${plural(outcome.resetRows, "row", "rows")} marked as reset.`);
  if (outcome.alreadyReset > 0) notes.push(`${plural(outcome.alreadyReset, "login was", "logins were")} already reset.`);
  if (outcome.noAccount > 0) notes.push(`${plural(outcome.noAccount, "parent has", "parents have")} no login.`);
  if (outcome.emailsQueued > 0) notes.push(`${plural(outcome.emailsQueued, "notice e-mail", "notice e-mails")} queued.`);
  // Their sessions in the district's other apps ended with the reset; the apps are told by back-channel logout.
  const appLogouts = outcome.appLogoutsQueued;
  if (appLogouts > 0) notes.push(`Signed out of ${plural(appLogouts, "app session", "app sessions")} (the apps are notified shortly).`);
  if (outcome.noEmail > 0) notes.push(`${plural(outcome.noEmail, "parent has", "parents have")} no e-mail address: tell them by phone.`);
  if (outcome.notFound > 0) notes.push(`${plural(outcome.notFound, "row no longer exists", "rows no longer exist")}.`);
  return {
    tone: outcome.resetLogins > 0 ? "success" : "info",
    title: outcome.resetLogins > 0 ? `Reset ${plural(outcome.resetLogins, "parent login", "parent logins")}` : "No logins were reset",
    description: notes.join(" "),
  };
}
