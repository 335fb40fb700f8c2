// Who is making a request, from its cookies: the next-auth session cookie's session id, then
// the session, its owner and, for staff, the setup step, re-checked against the database on
// every call (auth-session-store.ts). Free of Next.js's request APIs, so the portal server can
// use it before Next.js (lib/http/grid-search-endpoint.ts); pages, actions and routes go
// through lib/auth/current-principal.ts, which hands it Next.js's cookies().
import { getToken } from "next-auth/jwt";
import { loadSessionPrincipal, type SessionPrincipal } from "@/lib/auth/auth-session-store";
import { decodeSessionToken } from "@/lib/auth/session-token-decode";
import { publicUrlIsHttps } from "@/lib/config/public-url";

export type StaffPrincipal = Extract<SessionPrincipal, { kind: "staff" }>;

/** A request's cookies as Next.js's cookies() gives them, or RequestCookies over its Cookie header. */
export type SessionCookies = { getAll(): { name: string; value: string }[] };

type TokenRequest = Parameters<typeof getToken>[0]["req"];

/**
 * The session id in the request's next-auth cookie, decrypted and its expiry checked by
 * next-auth's getToken. Not getServerSession: its jwt callback looks the session up in the
 * database (lib/auth/auth-options.ts), and the principal is looked up right after anyway.
 * Its key is derived once (session-token-decode.ts), not on every request. The cookie's name
 * follows the public URL's scheme, as next-auth's does (useSecureCookies in auth-options.ts).
 */
async function readSessionId(requestCookies: SessionCookies): Promise<string | null> {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  // The cookie only: getServerSession accepts no Authorization header, so neither do we.
  const req = { cookies: requestCookies, headers: {} } as unknown as TokenRequest;
  const token = await getToken({ req, secret, secureCookie: publicUrlIsHttps(), decode: decodeSessionToken });
  return token && typeof token.sid === "string" ? token.sid : null;
}

export async function principalOfCookies(requestCookies: SessionCookies): Promise<SessionPrincipal | null> {
  const sessionId = await readSessionId(requestCookies);
  return sessionId ? loadSessionPrincipal(sessionId) : null;
}

/**
 * Staff whose console is open: a session restricted to a setup step counts as none, so every
 * console action and route refuses it without knowing about setup steps.
 */
export function openConsoleStaff(principal: SessionPrincipal | null): StaffPrincipal | null {
  return principal?.kind === "staff" && principal.setupStep === null ? principal : null;
}
