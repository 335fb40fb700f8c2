// Who is making this request, re-checked against the database on every request (read from
// Next.js's cookies() by session-cookie-principal.ts), and the gates of pages built on it.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { SessionPrincipal } from "@/lib/auth/auth-session-store";
import { openConsoleStaff, principalOfCookies, type StaffPrincipal } from "@/lib/auth/session-cookie-principal";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { STAFF_SETUP_PAGES, type StaffSetupStep } from "@/lib/staff-auth/staff-setup-step";

export type { StaffPrincipal };
export type ParentPrincipal = Extract<SessionPrincipal, { kind: "parent" }>;

/**
 * Memoized per request while server components render, so a layout and its page share one
 * lookup; route handlers and actions are outside React's cache and call it once. Never
 * memoized across requests: an ended session or a changed role counts on the next request.
 */
export const getCurrentPrincipal = cache(async (): Promise<SessionPrincipal | null> => principalOfCookies(await cookies()));

/** Any staff session, including one restricted to a setup step (see `setupStep`). */
export async function getStaffSessionPrincipal(): Promise<StaffPrincipal | null> {
  const principal = await getCurrentPrincipal();
  return principal?.kind === "staff" ? principal : null;
}

/** Staff whose console is open (openConsoleStaff: not a session restricted to a setup step). */
export async function getStaffPrincipal(): Promise<StaffPrincipal | null> {
  return openConsoleStaff(await getCurrentPrincipal());
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
