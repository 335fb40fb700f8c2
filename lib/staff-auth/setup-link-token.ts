// The secret of a staff setup link: "selector.verifier", two CSPRNG values. The selector
// finds the row; only the verifier's SHA-256 is stored (256 random bits need no slow hash)
// and it is compared in constant time, so neither a database read nor timing reveals a link.
import { constantTimeEqual, randomId, sha256 } from "@/lib/security/random-secret";

export const SETUP_LINK_TTL_HOURS = 24;
export const SETUP_LINK_PATH = "/console/set-passphrase";

export interface SetupLinkSecret {
  token: string;
  selector: string;
  verifierHash: string;
}

export function newSetupLinkSecret(): SetupLinkSecret {
  const selector = randomId(12);
  const verifier = randomId(32);
  return { token: `${selector}.${verifier}`, selector, verifierHash: sha256(verifier) };
}

const TOKEN_PATTERN = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

/** The two halves of a well-formed token, or null (then no query is needed at all). */
export function parseSetupLinkToken(token: string): { selector: string; verifier: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { selector: match[1]!, verifier: match[2]! } : null;
}

export function verifierMatches(verifier: string, storedHash: string): boolean {
  return constantTimeEqual(sha256(verifier), storedHash);
}

/** The link a person opens; `baseUrl` is the app's configured public URL, never a Host header. */
export function setupLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${SETUP_LINK_PATH}?token=${encodeURIComponent(token)}`;
}
