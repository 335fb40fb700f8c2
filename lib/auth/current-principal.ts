// Who is making this request, re-checked against the database on every call.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/auth-options";
import { loadSessionPrincipal, type SessionPrincipal } from "@/lib/auth/auth-session-store";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { STAFF_SETUP_PAGES, type StaffSetupStep } from "@/lib/staff-auth/staff-setup-step";

export type StaffPrincipal = Extract<SessionPrincipal, { kind: "staff" }>;
export type ParentPrincipal = Extract<SessionPrincipal, { kind: "parent" }>;

export async function getCurrentPrincipal(): Promise<SessionPrincipal | null> {
  const session = (await getServerSession(authOptions)) as { sid?: unknown } | null;
  if (!session || typeof session.sid !== "string") return null;
  return loadSessionPrincipal(session.sid);
}

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
