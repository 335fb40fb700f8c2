// A parent account's email must be personal: the district's staff domains are refused
// wherever the portal accepts an address for a parent or sends a parent mail that carries a
// secret or a credential (temporary password, security code, username reminder), so a parent
// who is also an employee never routes parent-portal credentials to a work mailbox, which
// colleagues, delegates and mailbox administrators can read. One rule, `parentMailRecipient`,
// decides it for registration, resend, Forgot Password and Forgot Username, and for the `email`
// claim the district's apps get (lib/oidc/account.ts).
import { ActionFailure } from "@/lib/actions/action-result";
import { isStaffEmail } from "@/lib/settings/district-settings";

/** True unless the address is in one of the staff domains (or one of their subdomains). */
export function isPersonalEmail(email: string, staffEmailDomains: readonly string[]): boolean {
  return !isStaffEmail(email, staffEmailDomains);
}

export type ParentMailRecipient =
  | { ok: true; email: string }
  | { ok: false; reason: "no_email_on_record" | "staff_email_on_record" };

/**
 * Where mail with a secret for a parent may go: the address on record, trimmed, unless it is
 * missing or a staff address. The reason is for the audit trail; public flows that must not
 * reveal accounts answer as usual and send nothing.
 */
export function parentMailRecipient(email: string | null | undefined, staffEmailDomains: readonly string[]): ParentMailRecipient {
  const address = email?.trim();
  if (!address) return { ok: false, reason: "no_email_on_record" };
  if (!isPersonalEmail(address, staffEmailDomains)) return { ok: false, reason: "staff_email_on_record" };
  return { ok: true, email: address };
}

/**
 * Throws an "invalid" ActionFailure carrying `message` (the caller's translation of
 * EmailPolicy.staffDomainRefused) on `field` when the address is a staff address.
 */
export function assertPersonalEmail(
  email: string,
  staffEmailDomains: readonly string[],
  message: string,
  field = "email",
): void {
  if (!isPersonalEmail(email, staffEmailDomains)) throw new ActionFailure("invalid", message, { [field]: [message] });
}
