// `npm run oidc:rotate-keys`: retires the OpenID Provider's signing keys and makes new ones.
// The retired keys stay in the published JWKS until every token they signed has expired
// (lib/oidc/keys.ts); running servers start signing with the new keys within a minute.
// Needs DATABASE_URL, NEXTAUTH_SECRET (it seals the keys) and the public URL.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { rotateSigningKeys } from "@/lib/oidc/keys";

try {
  const { active, retired } = await rotateSigningKeys();
  await recordAuditEvent(prisma, { actor: { type: "SYSTEM", label: "oidc:rotate-keys" }, action: "oidc.signing-keys.rotate", details: { active, retired } });
  console.log(`✓ Signing keys rotated. Now signing with: ${active.join(", ")}. Still published until their tokens expire: ${retired.join(", ") || "none"}.`);
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
