// Sets the device cookie after a successful sign-in (see lib/auth/device-cookie.ts). Called
// from next-auth's authorize(), which runs inside the route handler, so Next.js adds the
// cookie to the sign-in response.
import { cookies } from "next/headers";
import { DEVICE_COOKIE_MAX_AGE_DAYS, DEVICE_COOKIE_NAMES } from "@/lib/auth/device-cookie";
import type { SignInScope } from "@/lib/auth/sign-in-throttle";

/** `token` comes from the sign-in result, which minted it bound to the account's password. */
export async function issueDeviceCookie(scope: SignInScope, token: string, secure: boolean): Promise<void> {
  (await cookies()).set(DEVICE_COOKIE_NAMES[scope], token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_DAYS * 86_400,
  });
}
