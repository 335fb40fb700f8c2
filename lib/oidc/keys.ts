// The provider's signing keys (issue 12): generated on first start, kept in OidcSigningKey with
// the private JWK sealed (AES-256-GCM, key derived from NEXTAUTH_SECRET, the kid bound as
// associated data), so a copy of the table alone signs nothing. One RS256 and one ES256 key are
// active; `rotateSigningKeys` retires them (still published until `removeAfter`, when every
// token they signed has expired) and makes new ones. Never HS*: nothing is signed with a
// client secret.
import { createCipheriv, createDecipheriv, createHmac, generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { importJWK, SignJWT, type JWK } from "jose";
import { prisma } from "@/lib/db";
import { oidcIssuer } from "@/lib/oidc/issuer";

export const SIGNING_ALGORITHMS = ["RS256", "ES256"] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** Longest life of anything signed (ID tokens 1 h, logout tokens 2 min) plus clock skew: how long a retired key stays published. */
export const RETIRED_KEY_PUBLISHED_MS = 2 * 60 * 60 * 1000;

const SEAL_VERSION = "v1";
// Any fixed number: serialises key generation between instances starting at once.
const KEY_LOCK = 0x0d1c_0001;

function sealKey(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (it also seals the OpenID Provider's signing keys)");
  return createHmac("sha256", secret).update("oidc-signing-key.v1").digest();
}

export function sealJwk(jwk: JWK, kid: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", sealKey(), iv);
  cipher.setAAD(Buffer.from(`oidc-key:${kid}`));
  const body = Buffer.concat([cipher.update(JSON.stringify(jwk), "utf8"), cipher.final()]);
  return [SEAL_VERSION, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The private JWK, or null when the box was tampered with or sealed under another secret. */
export function openJwk(sealed: string, kid: string): JWK | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== SEAL_VERSION || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", sealKey(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`oidc-key:${kid}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8")) as JWK;
  } catch {
    return null;
  }
}

function generateJwk(alg: SigningAlgorithm): { kid: string; jwk: JWK } {
  const pair = alg === "RS256" ? generateKeyPairSync("rsa", { modulusLength: 3072 }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const kid = `${alg.toLowerCase()}-${randomUUID()}`;
  return { kid, jwk: { ...(pair.privateKey.export({ format: "jwk" }) as JWK), kid, alg, use: "sig" } };
}

type KeyRow = { kid: string; alg: string; encryptedJwk: string; retiredAt: Date | null; removeAfter: Date | null; createdAt: Date };

/** Makes the missing active keys (first start, or after a rotation) under a lock, so two instances never both do. */
async function ensureActiveKeys(retireCurrent: boolean): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${KEY_LOCK})`;
    const now = new Date();
    if (retireCurrent) {
      await tx.oidcSigningKey.updateMany({
        where: { retiredAt: null },
        data: { retiredAt: now, removeAfter: new Date(now.getTime() + RETIRED_KEY_PUBLISHED_MS) },
      });
      await tx.oidcSigningKey.deleteMany({ where: { removeAfter: { lt: now } } });
    }
    const active = await tx.oidcSigningKey.findMany({ where: { retiredAt: null }, select: { alg: true } });
    for (const alg of SIGNING_ALGORITHMS) {
      if (active.some((row) => row.alg === alg)) continue;
      const { kid, jwk } = generateJwk(alg);
      await tx.oidcSigningKey.create({ data: { kid, alg, encryptedJwk: sealJwk(jwk, kid) } });
    }
  });
}

async function publishedRows(): Promise<KeyRow[]> {
  const now = new Date();
  return prisma.oidcSigningKey.findMany({
    where: { OR: [{ retiredAt: null }, { removeAfter: { gt: now } }] },
    // Active keys first (they sign: oidc-provider takes the first key of an algorithm), newest first.
    orderBy: [{ retiredAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

/**
 * The private JWK Set the provider is configured with: the active keys first, then the retired
 * ones still published. Generates the keys on first use.
 */
export async function loadSigningJwks(): Promise<{ keys: JWK[]; version: string }> {
  let rows = await publishedRows();
  if (SIGNING_ALGORITHMS.some((alg) => !rows.some((row) => row.alg === alg && row.retiredAt === null))) {
    await ensureActiveKeys(false);
    rows = await publishedRows();
  }
  const keys: JWK[] = [];
  for (const row of rows) {
    const jwk = openJwk(row.encryptedJwk, row.kid);
    // A key sealed under another NEXTAUTH_SECRET is unusable: better refuse to start than sign with nothing.
    if (!jwk) throw new Error(`OIDC signing key ${row.kid} cannot be opened: was NEXTAUTH_SECRET changed? Run npm run oidc:rotate-keys.`);
    keys.push(jwk);
  }
  return { keys, version: rows.map((row) => `${row.kid}:${row.retiredAt ? "r" : "a"}`).join(",") };
}

/** What decides whether a running provider must reload its keys (another instance rotated them). */
export async function signingKeysVersion(): Promise<string> {
  const rows = await publishedRows();
  return rows.map((row) => `${row.kid}:${row.retiredAt ? "r" : "a"}`).join(",");
}

/**
 * Retires the active keys (published for RETIRED_KEY_PUBLISHED_MS more), drops keys past their
 * removeAfter and makes new ones (`npm run oidc:rotate-keys`). Running servers pick the new keys
 * up within a minute (lib/oidc/provider.ts).
 */
export async function rotateSigningKeys(): Promise<{ active: string[]; retired: string[] }> {
  await ensureActiveKeys(true);
  const rows = await publishedRows();
  return { active: rows.filter((row) => !row.retiredAt).map((row) => row.kid), retired: rows.filter((row) => row.retiredAt).map((row) => row.kid) };
}

export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

/**
 * A Back-Channel Logout 1.0 logout token for one app, signed with the current RS256 key (the
 * algorithm of every ID token this provider issues): iss, aud, iat, exp (+2 min), jti, events,
 * sub and, when given, sid; header typ logout+jwt. For the logout delivery worker, which sends
 * it itself (with retries) rather than through the provider's one-shot, private-address-refusing fetch.
 */
export async function signLogoutToken(input: { clientId: string; sub: string; sid?: string | null }): Promise<string> {
  const currentKey = { where: { alg: "RS256", retiredAt: null }, orderBy: { createdAt: "desc" as const } };
  let current = await prisma.oidcSigningKey.findFirst(currentKey);
  if (!current) {
    await ensureActiveKeys(false);
    current = await prisma.oidcSigningKey.findFirstOrThrow(currentKey);
  }
  const jwk = openJwk(current.encryptedJwk, current.kid);
  if (!jwk) throw new Error(`OIDC signing key ${current.kid} cannot be opened`);
  const key = await importJWK(jwk, "RS256");
  return new SignJWT({ events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, ...(input.sid ? { sid: input.sid } : {}) })
    .setProtectedHeader({ alg: "RS256", kid: current.kid, typ: "logout+jwt" })
    .setIssuer(oidcIssuer())
    .setAudience(input.clientId)
    .setSubject(input.sub)
    .setIssuedAt()
    .setExpirationTime("2m")
    .setJti(randomUUID())
    .sign(key);
}
