// The parent signed in to the portal in this browser, read by the portal server (Node request,
// outside Next.js) from next-auth's session cookie, re-checked against the database like every
// portal request (lib/auth/current-principal.ts). The provider's login step uses it: a parent
// signs in on the portal's own page, with its limits, lockout and forced password change.
import type { IncomingMessage } from "node:http";
import { getToken } from "next-auth/jwt";
import { prisma } from "@/lib/db";
import { publicBaseUrl } from "@/lib/config/public-url";
import { loadSessionPrincipal } from "@/lib/auth/auth-session-store";

export interface PortalParentSession {
  parentAccountId: number;
  oidcSubject: string;
  mustChangePassword: boolean;
  /** When the portal session began (its sign-in). */
  signedInAt: Date;
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A malformed value is no cookie at all.
    }
  }
  return cookies;
}

type TokenRequest = Parameters<typeof getToken>[0]["req"];

export async function portalParentSession(req: IncomingMessage): Promise<PortalParentSession | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  // The cookie only, never an Authorization header (as getCurrentPrincipal).
  const tokenRequest = { cookies: parseCookies(req.headers.cookie), headers: {} } as unknown as TokenRequest;
  const token = await getToken({ req: tokenRequest, secret, secureCookie: publicBaseUrl().startsWith("https://") });
  if (!token || typeof token.sid !== "string") return null;
  const principal = await loadSessionPrincipal(token.sid);
  if (principal?.kind !== "parent") return null;
  const [session, account] = await Promise.all([
    prisma.authSession.findUnique({ where: { id: token.sid }, select: { createdAt: true } }),
    prisma.parentAccount.findUnique({ where: { id: principal.parentAccountId }, select: { oidcSubject: true } }),
  ]);
  if (!session || !account) return null;
  return { parentAccountId: principal.parentAccountId, oidcSubject: account.oidcSubject, mustChangePassword: principal.mustChangePassword, signedInAt: session.createdAt };
}
