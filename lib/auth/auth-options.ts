// next-auth configuration: two credential providers (staff console, parent portal) on
// JWT sessions whose only claim that matters is the id of a server-side AuthSession row.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authenticateStaff } from "@/lib/auth/staff-sign-in";
import { authenticateParent } from "@/lib/accounts/parent-sign-in";
import {
  createAuthSession,
  loadSessionPrincipal,
  SESSION_LIFETIME_SECONDS,
  type SessionPrincipal,
} from "@/lib/auth/auth-session-store";
import { endPortalSignIn } from "@/lib/auth/end-portal-sign-in";
import { clientIpFrom } from "@/lib/http/client-ip";
import { deviceCookieFromHeader } from "@/lib/auth/device-cookie";
import { issueDeviceCookie } from "@/lib/auth/issue-device-cookie";
import { publicUrlIsHttps } from "@/lib/config/public-url";
import { cookieFromHeader, staffSignInNextStep } from "@/lib/staff-auth/mfa/staff-sign-in-second-step";
import { completeStaffSecondStep } from "@/lib/staff-auth/mfa/complete-staff-second-step";
import { SIGN_IN_TICKET_COOKIE } from "@/lib/staff-auth/mfa/sign-in-ticket";
import { REMEMBER_BROWSER_COOKIE } from "@/lib/staff-auth/mfa/remember-browser";
import { clearSignInTicketCookie, setRememberBrowserCookie, setSignInTicketCookie } from "@/lib/staff-auth/mfa/second-step-cookies";
import { secondStepCredentials, secondStepAnswerOf } from "@/lib/staff-auth/mfa/second-step-credentials";
import { logger } from "@/lib/ops/logger";

const staffCredentials = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) });
const parentCredentials = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });

type RequestLike = { headers?: Record<string, string | string[] | undefined> } | undefined;

/** The device cookie the browser sent for this scope (lib/auth/device-cookie.ts). */
function deviceCookieOf(req: RequestLike, scope: "staff" | "parent"): string | null {
  return deviceCookieFromHeader(scope, cookieHeaderOf(req));
}

function cookieHeaderOf(req: RequestLike): string | undefined {
  const value = req?.headers?.cookie;
  return Array.isArray(value) ? value.join("; ") : value;
}

// The address comes only from the header our server (lib/http/portal-server.ts) overwrites.
function requestMeta(req: RequestLike) {
  const header = (name: string) => {
    const value = req?.headers?.[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { ip: clientIpFrom(header), userAgent: header("user-agent") ?? null };
}

/** Thrown out of authorize(); next-auth passes the message to the client as `error`. */
export const SIGN_IN_ERRORS = {
  invalid: "invalid",
  rateLimited: "rate_limited",
  /** The passphrase was right; the second step (lib/staff-auth/mfa/) comes next. */
  secondFactor: "second_factor",
  /** Second step: too many wrong codes, paused (15 minutes, then doubling; stopped at 100 in a row). */
  coolingOff: "cooling_off",
  /** Second step: the sign-in ticket is gone (5 minutes, 5 wrong codes): type the passphrase again. */
  expired: "expired",
} as const;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
  // Secure (and __Secure-/__Host- prefixed) cookies whenever the public URL is https.
  useSecureCookies: publicUrlIsHttps(),
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      id: "staff",
      name: "Staff",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = staffCredentials.safeParse(credentials);
        if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
        const meta = requestMeta(req);
        const result = await authenticateStaff(parsed.data.email, parsed.data.password, meta.ip, {
          deviceToken: deviceCookieOf(req, "staff"),
        });
        if (!result.ok) throw new Error(result.reason === "rate_limited" ? SIGN_IN_ERRORS.rateLimited : SIGN_IN_ERRORS.invalid);
        await issueDeviceCookie("staff", result.deviceToken, publicUrlIsHttps());
        // No session before the second step: only a ticket for the second-step page.
        const next = await staffSignInNextStep(result.staffUserId, cookieFromHeader(REMEMBER_BROWSER_COOKIE, cookieHeaderOf(req)), meta.ip);
        if (next.kind === "second-step") {
          await setSignInTicketCookie(next.ticket);
          throw new Error(SIGN_IN_ERRORS.secondFactor);
        }
        const sessionId = await createAuthSession({ staffUserId: result.staffUserId }, meta);
        return { id: sessionId };
      },
    }),
    CredentialsProvider({
      id: "staff-mfa",
      name: "Staff second step",
      credentials: { kind: { type: "text" }, code: { type: "text" }, passkeyResponse: { type: "text" }, remember: { type: "text" } },
      async authorize(credentials, req) {
        const parsed = secondStepCredentials.safeParse(credentials);
        if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
        const answer = secondStepAnswerOf(parsed.data);
        if (!answer) throw new Error(SIGN_IN_ERRORS.invalid);
        const meta = requestMeta(req);
        const result = await completeStaffSecondStep(cookieFromHeader(SIGN_IN_TICKET_COOKIE, cookieHeaderOf(req)), answer, { ip: meta.ip });
        if (!result.ok) throw new Error(result.reason === "cooling_off" ? SIGN_IN_ERRORS.coolingOff : result.reason === "expired" ? SIGN_IN_ERRORS.expired : SIGN_IN_ERRORS.invalid);
        await clearSignInTicketCookie();
        if (parsed.data.remember === "1" && result.rememberDays > 0) await setRememberBrowserCookie(result.staffUserId, result.passwordHash, result.rememberDays);
        const sessionId = await createAuthSession({ staffUserId: result.staffUserId }, meta);
        return { id: sessionId };
      },
    }),
    CredentialsProvider({
      id: "parent",
      name: "Parent",
      credentials: { username: { type: "text" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = parentCredentials.safeParse(credentials);
        if (!parsed.success) throw new Error(SIGN_IN_ERRORS.invalid);
        const meta = requestMeta(req);
        const result = await authenticateParent(parsed.data.username, parsed.data.password, meta.ip, {
          deviceToken: deviceCookieOf(req, "parent"),
        });
        if (!result.ok) throw new Error(result.reason === "rate_limited" ? SIGN_IN_ERRORS.rateLimited : SIGN_IN_ERRORS.invalid);
        await issueDeviceCookie("parent", result.deviceToken, publicUrlIsHttps());
        const sessionId = await createAuthSession({ parentAccountId: result.parentAccountId }, meta);
        return { id: sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) return { sid: user.id };
      const sessionId = typeof token.sid === "string" ? token.sid : null;
      // Throwing makes next-auth clear the cookie: the session was ended on the server.
      if (!sessionId || !(await loadSessionPrincipal(sessionId))) throw new Error("session ended");
      return { sid: sessionId };
    },
    async session({ session, token }) {
      return { ...session, sid: token.sid };
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endPortalSignIn(token.sid);
    },
  },
  logger: {
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR") return; // an ended session, not a fault
      logger.error({ nextAuthCode: code, err: metadata instanceof Error ? metadata : undefined }, "next-auth error");
    },
    warn() {},
    debug() {},
  },
};

export type { SessionPrincipal };
