// Who is making this request, re-checked against the database on every request.
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authOptions } from "@/lib/auth/auth-options";
import { loadSessionPrincipal, type SessionPrincipal } from "@/lib/auth/auth-session-store";
import { decodeSessionToken } from "@/lib/auth/session-token-decode";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { STAFF_SETUP_PAGES, type StaffSetupStep } from "@/lib/staff-auth/staff-setup-step";

export type StaffPrincipal = Extract<SessionPrincipal, { kind: "staff" }>;
export type ParentPrincipal = Extract<SessionPrincipal, { kind: "parent" }>;

type TokenRequest = Parameters<typeof getToken>[0]["req"];

/**
 * The session id in this request's next-auth cookie, decrypted and its expiry checked by
 * next-auth's getToken. Not getServerSession: its jwt callback looks the session up in the
 * database (lib/auth/auth-options.ts), and getCurrentPrincipal looks it up right after anyway.
 * Its key is derived once (session-token-decode.ts), not on every request.
 */
async function readSessionId(): Promise<string | null> {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  // The cookie only: getServerSession accepts no Authorization header, so neither do we.
  const req = { cookies: await cookies(), headers: {} } as unknown as TokenRequest;
  const token = await getToken({ req, secret, secureCookie: authOptions.useSecureCookies === true, decode: decodeSessionToken });
  return token && typeof token.sid === "string" ? token.sid : null;
}

/**
 * Memoized per request while server components render, so a layout and its page share one
 * lookup; route handlers and actions are outside React's cache and call it once. Never
 * memoized across requests: an ended session or a changed role counts on the next request.
 */
export const getCurrentPrincipal = cache(async (): Promise<SessionPrincipal | null> => {
  const sessionId = await readSessionId();
  return sessionId ? loadSessionPrincipal(sessionId) : null;
});

/** Any staff session, including one restricted to a setup step (see `setupStep`). */
export async function getStaffSessionPrincipal(): Promise<StaffPrincipal | null> {
  const principal = await getCurrentPrincipal();
  return principal?.kind === "staff" ? principal : null;
}

/**
 * Staff whose console is open: a session restricted to a setup step counts as none, so every
 * console action and route refuses it without knowing about setup steps.
 */
export async function getStaffPrincipal(): Promise<StaffPrincipal | null> {
  const principal = await getStaffSessionPrincipal();
  return principal && principal.setupStep === null ? principal : null;
}

export async function getParentPrincipal(): Promise<ParentPrincipal | null> {
  const principal = await getCurrentPrincipal();
  return principal?.kind === "parent" ? principal : null;
}

/** For console pages: sends anonymous visitors to sign in and others without the permission home. */
export async function requireStaffPage(permission?: Permission): Promise<StaffPrincipal> {
  const staff = await getStaffSessionPrincipal();
  if (!staff) redirect("/console/sign-in");
  if (staff.setupStep) redirect(STAFF_SETUP_PAGES[staff.setupStep]);
  if (permission && !hasPermission(staff.role, permission)) redirect("/console/parents?denied=1");
  return staff;
}

/** For a setup step's page: open to a session restricted to `step` (and to finished staff, who may revisit it). */
export async function requireStaffSetupPage(step: StaffSetupStep): Promise<StaffPrincipal> {
  const staff = await getStaffSessionPrincipal();
  if (!staff) redirect("/console/sign-in");
  if (staff.setupStep && staff.setupStep !== step) redirect(STAFF_SETUP_PAGES[staff.setupStep]);
  return staff;
}

/** For parent pages: a temporary-password session may only open "choose your password". */
export async function requireParentPage(options: { allowPendingPasswordChange?: boolean } = {}): Promise<ParentPrincipal> {
  const parent = await getParentPrincipal();
  if (!parent) redirect("/sign-in");
  if (parent.mustChangePassword && !options.allowPendingPasswordChange) redirect("/change-password");
  return parent;
}
