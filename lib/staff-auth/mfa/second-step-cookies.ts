// The cookies of the sign-in second step, set from next-auth's authorize() (inside the route
// handler or the sign-in server action, so Next.js adds them to that response). Both httpOnly:
// no script ever needs them.
import { cookies } from "next/headers";
import { publicUrlIsHttps } from "@/lib/config/public-url";
import { SIGN_IN_TICKET_COOKIE, SIGN_IN_TICKET_MINUTES } from "@/lib/staff-auth/mfa/sign-in-ticket";
import { REMEMBER_BROWSER_COOKIE, rememberBrowserToken } from "@/lib/staff-auth/mfa/remember-browser";

const base = () => ({ httpOnly: true, sameSite: "lax" as const, secure: publicUrlIsHttps(), path: "/" });

export async function setSignInTicketCookie(token: string): Promise<void> {
  (await cookies()).set(SIGN_IN_TICKET_COOKIE, token, { ...base(), maxAge: SIGN_IN_TICKET_MINUTES * 60 });
}

export async function clearSignInTicketCookie(): Promise<void> {
  (await cookies()).set(SIGN_IN_TICKET_COOKIE, "", { ...base(), maxAge: 0 });
}

export async function setRememberBrowserCookie(staffUserId: number, passwordHash: string, days: number): Promise<void> {
  (await cookies()).set(REMEMBER_BROWSER_COOKIE, rememberBrowserToken(staffUserId, passwordHash), { ...base(), maxAge: days * 86_400 });
}

export async function readSignInTicketCookie(): Promise<string | null> {
  return (await cookies()).get(SIGN_IN_TICKET_COOKIE)?.value ?? null;
}
