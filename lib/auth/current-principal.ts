// Who is making this request, re-checked against the database on every call.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/auth-options";
import { loadSessionPrincipal, type SessionPrincipal } from "@/lib/auth/auth-session-store";
import { hasPermission, type Permission } from "@/lib/auth/permissions";

export type StaffPrincipal = Extract<SessionPrincipal, { kind: "staff" }>;
export type ParentPrincipal = Extract<SessionPrincipal, { kind: "parent" }>;

export async function getCurrentPrincipal(): Promise<SessionPrincipal | null> {
  const session = (await getServerSession(authOptions)) as { sid?: unknown } | null;
  if (!session || typeof session.sid !== "string") return null;
  return loadSessionPrincipal(session.sid);
}

export async function getStaffPrincipal(): Promise<StaffPrincipal | null> {
  const principal = await getCurrentPrincipal();
  return principal?.kind === "staff" ? principal : null;
}

export async function getParentPrincipal(): Promise<ParentPrincipal | null> {
  const principal = await getCurrentPrincipal();
  return principal?.kind === "parent" ? principal : null;
}

/** For console pages: sends anonymous visitors to sign in and others without the permission home. */
export async function requireStaffPage(permission?: Permission): Promise<StaffPrincipal> {
  const staff = await getStaffPrincipal();
  if (!staff) redirect("/console/sign-in");
  if (permission && !hasPermission(staff.role, permission)) redirect("/console/parents?denied=1");
  return staff;
}

/** For parent pages: a temporary-password session may only open "choose your password". */
export async function requireParentPage(options: { allowPendingPasswordChange?: boolean } = {}): Promise<ParentPrincipal> {
  const parent = await getParentPrincipal();
  if (!parent) redirect("/sign-in");
  if (parent.mustChangePassword && !options.allowPendingPasswordChange) redirect("/change-password");
  return parent;
}
