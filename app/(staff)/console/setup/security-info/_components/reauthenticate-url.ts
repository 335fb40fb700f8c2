// Where a security-info form goes when the server says the passphrase must be confirmed again.
import type { ActionResult } from "@/lib/actions/action-result";

export const REAUTHENTICATE_URL = "/console/setup/confirm-passphrase?next=%2Fconsole%2Fsetup%2Fsecurity-info";

export function reauthenticateIfAsked<T>(result: ActionResult<T>): string | null {
  return !result.ok && result.fieldErrors?._reauthenticate ? REAUTHENTICATE_URL : null;
}
