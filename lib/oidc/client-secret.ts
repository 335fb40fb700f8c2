// Client ids and secrets of connected apps. The secret is 256 random bits, shown to the site
// admin once; only its SHA-256 (hex) is stored, which is what the provider compares with the
// hash of what the app presents (lib/oidc/client-metadata.ts). A slow hash would add nothing:
// the secret is random and long, not a password.
import { randomBytes } from "node:crypto";
import { sha256 } from "@/lib/security/random-secret";

export function newClientId(): string {
  return `app-${randomBytes(12).toString("base64url")}`;
}

export function hashClientSecret(secret: string): string {
  return sha256(secret);
}

export function newClientSecret(): { secret: string; secretHash: string } {
  // base64url: safe in form posts and in client_secret_basic without any encoding trouble.
  const secret = randomBytes(32).toString("base64url");
  return { secret, secretHash: hashClientSecret(secret) };
}
