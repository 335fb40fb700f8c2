// A parent account's email must be personal: the district's staff domains are refused
// wherever the portal accepts an address for a parent (e.g. before a temporary password is
// sent), so a parent who is also an employee never routes parent mail to a work mailbox.
// Lookups (Forgot Username) do not use this: they only ever mail the address on record.
import { ActionFailure } from "@/lib/actions/action-result";
import { isStaffEmail } from "@/lib/settings/district-settings";

/** True unless the address is in one of the staff domains (or one of their subdomains). */
export function isPersonalEmail(email: string, staffEmailDomains: readonly string[]): boolean {
  return !isStaffEmail(email, staffEmailDomains);
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
