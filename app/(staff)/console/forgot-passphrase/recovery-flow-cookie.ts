// The "Get back into your account" flow cookie: httpOnly, SameSite=Lax, scoped to the flow's
// pages, 15 minutes. It holds only a random token; the state is the StaffRecoveryFlow row.
import { cookies } from "next/headers";
import { publicUrlIsHttps } from "@/lib/config/public-url";
import { RECOVERY_FLOW_TTL_MINUTES } from "@/lib/staff-auth/recovery/recovery-limits";

export const STAFF_RECOVERY_COOKIE = "staff_recovery";
const PATH = "/console/forgot-passphrase";

export async function setRecoveryFlowCookie(token: string): Promise<void> {
  (await cookies()).set(STAFF_RECOVERY_COOKIE, token, { httpOnly: true, sameSite: "lax", secure: publicUrlIsHttps(), path: PATH, maxAge: RECOVERY_FLOW_TTL_MINUTES * 60 });
}

export async function readRecoveryFlowCookie(): Promise<string | undefined> {
  return (await cookies()).get(STAFF_RECOVERY_COOKIE)?.value;
}

export async function clearRecoveryFlowCookie(): Promise<void> {
  (await cookies()).set(STAFF_RECOVERY_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: publicUrlIsHttps(), path: PATH, maxAge: 0 });
}
