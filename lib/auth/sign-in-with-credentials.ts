// Signs in through next-auth's own credentials pipeline (authorize, callbacks, session
// cookie) from a server action, for sign-in forms posted before or without JavaScript.
// next-auth is driven through its public request/response handler; the browser never talks to
// /api/auth here, so next-auth's double-submit CSRF token is made and checked within this one
// request (the server action itself is protected by Next.js's Origin check).
import { cookies, headers } from "next/headers";
import NextAuth from "next-auth";
import { authOptions, SIGN_IN_ERRORS } from "@/lib/auth/auth-options";
import { parseSetCookie, type ParsedCookie } from "@/lib/auth/parse-set-cookie";
import { isSameOriginRequest } from "@/lib/http/same-origin-request";

export type CredentialsSignInFailure = "invalid" | "rate_limited" | "second_factor" | "cooling_off" | "expired";
export type CredentialsSignInResult = { ok: true } | { ok: false; reason: CredentialsSignInFailure };

const KNOWN_FAILURES = new Set<string>(Object.values(SIGN_IN_ERRORS));

interface HandlerAnswer {
  status: number;
  location: string | null;
  cookies: ParsedCookie[];
  body: unknown;
}

/** One call of next-auth's handler with a request and response made of plain objects. */
async function callNextAuth(request: { action: string[]; method: "GET" | "POST"; cookies: Record<string, string>; headers: Record<string, string>; body?: Record<string, string> }): Promise<HandlerAnswer> {
  const answer: HandlerAnswer = { status: 200, location: null, cookies: [], body: undefined };
  const responseHeaders = new Map<string, string | string[]>();
  const res = {
    getHeader: (name: string) => responseHeaders.get(name.toLowerCase()),
    setHeader(name: string, value: string | string[]) {
      responseHeaders.set(name.toLowerCase(), value);
      return res;
    },
    status(code: number) {
      answer.status = code;
      return res;
    },
    end: () => undefined,
    json: (body: unknown) => void (answer.body = body),
    send: (body: unknown) => void (answer.body = body),
  };
  const req = { query: { nextauth: request.action }, method: request.method, cookies: request.cookies, headers: request.headers, body: request.body };
  const options = { ...authOptions, secret: authOptions.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<unknown>)(req, res, options);
  const location = responseHeaders.get("location");
  answer.location = typeof location === "string" ? location : null;
  const setCookie = responseHeaders.get("set-cookie") ?? [];
  answer.cookies = (Array.isArray(setCookie) ? setCookie : [setCookie]).map(parseSetCookie);
  return answer;
}

export async function signInWithCredentials(providerId: "parent" | "staff" | "staff-mfa", credentials: Record<string, string>): Promise<CredentialsSignInResult> {
  const cookieStore = await cookies();
  const headerList = await headers();
  // Login CSRF: another site must not sign a browser in as the attacker, and Next.js lets a
  // server action without an Origin through.
  if (!isSameOriginRequest(headerList)) return { ok: false, reason: "invalid" };
  const requestHeaders = Object.fromEntries(headerList);
  const jar: Record<string, string> = Object.fromEntries(cookieStore.getAll().map((cookie) => [cookie.name, cookie.value]));

  const csrf = await callNextAuth({ action: ["csrf"], method: "GET", cookies: jar, headers: requestHeaders });
  for (const cookie of csrf.cookies) jar[cookie.name] = cookie.value;
  const csrfToken = (csrf.body as { csrfToken?: unknown } | undefined)?.csrfToken;
  if (typeof csrfToken !== "string") return { ok: false, reason: "invalid" };

  const callback = await callNextAuth({
    action: ["callback", providerId],
    method: "POST",
    cookies: jar,
    headers: requestHeaders,
    body: { ...credentials, csrfToken, callbackUrl: "/" },
  });
  // Success answers with a redirect to the callback URL; a failure with /api/auth/error?error=...
  const error = callback.location ? new URL(callback.location, "http://local.invalid").searchParams.get("error") : "invalid";
  if (error) return { ok: false, reason: KNOWN_FAILURES.has(error) ? (error as CredentialsSignInFailure) : "invalid" };
  const session = callback.cookies.find((cookie) => /next-auth\.session-token(\.\d+)?$/.test(cookie.name) && cookie.value);
  if (!session) return { ok: false, reason: "invalid" };
  for (const cookie of callback.cookies) {
    if (cookie.name.includes("csrf-token")) continue; // only ever used inside this request
    cookieStore.set(cookie);
  }
  return { ok: true };
}
