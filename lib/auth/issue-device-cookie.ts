// Sets the device cookie after a successful sign-in (see lib/auth/device-cookie.ts). Called
// from next-auth's authorize(), which runs inside the route handler, so Next.js adds the
// cookie to the sign-in response.
import { cookies } from "next/headers";
import { DEVICE_COOKIE_MAX_AGE_DAYS, DEVICE_COOKIE_NAMES, deviceToken } from "@/lib/auth/device-cookie";
import type { SignInScope } from "@/lib/auth/sign-in-throttle";

export async function issueDeviceCookie(scope: SignInScope, accountId: number, secure: boolean): Promise<void> {
  (await cookies()).set(DEVICE_COOKIE_NAMES[scope], deviceToken(scope, accountId), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_DAYS * 86_400,
  });
}
