// The check every roster route handler starts with: a signed-in site admin, or the refusal.
import type { NextResponse } from "next/server";
import { getStaffPrincipal, type StaffPrincipal } from "@/lib/auth/current-principal";
import { hasPermission } from "@/lib/auth/permissions";
import { jsonErrorResponse } from "@/lib/http/json-error-response";

export async function rosterStaffOrRefusal(): Promise<{ staff: StaffPrincipal; refusal: null } | { staff: null; refusal: NextResponse }> {
  const staff = await getStaffPrincipal();
  if (!staff) return { staff: null, refusal: jsonErrorResponse("unauthorized", "Your session has ended. Please sign in again.") };
  if (!hasPermission(staff.role, "roster:import")) return { staff: null, refusal: jsonErrorResponse("forbidden", "You do not have permission to do this.") };
  return { staff, refusal: null };
}

/** A run id from the URL: a positive int4, or null. */
export function parseRunId(value: string): number | null {
  if (!/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && id <= 2_147_483_647 ? id : null;
}
