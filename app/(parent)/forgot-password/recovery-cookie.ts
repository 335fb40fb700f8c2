// The Forgot Password flow state cookie: httpOnly, SameSite=Lax, scoped to /forgot-password,
// short-lived. Its content is signed by lib/accounts/recovery/recovery-state.ts.
import { cookies } from "next/headers";
import { CODE_STEP_TTL_MINUTES } from "@/lib/accounts/recovery/recovery-limits";
import { readRecoveryState, type RecoveryState } from "@/lib/accounts/recovery/recovery-state";
import { publicUrlIsHttps } from "@/lib/config/public-url";

export const RECOVERY_COOKIE = "portal_recovery";

export async function setRecoveryCookie(token: string): Promise<void> {
  (await cookies()).set(RECOVERY_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: publicUrlIsHttps(),
    path: "/forgot-password",
    maxAge: CODE_STEP_TTL_MINUTES * 60,
  });
}

export async function readRecoveryCookie(): Promise<RecoveryState | null> {
  return readRecoveryState((await cookies()).get(RECOVERY_COOKIE)?.value);
}

export async function clearRecoveryCookie(): Promise<void> {
  (await cookies()).set(RECOVERY_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: publicUrlIsHttps(), path: "/forgot-password", maxAge: 0 });
}
