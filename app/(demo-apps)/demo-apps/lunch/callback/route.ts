// GET /demo-apps/lunch/callback: the provider's answer. The code is exchanged (with the PKCE
// verifier, state and nonce checked by openid-client), userinfo read, and the demo app's own
// session begins. Demo mode only.
import { NextResponse, type NextRequest } from "next/server";
import * as client from "openid-client";
import { isDemoMode } from "@/lib/config/demo-mode";
import { lunchUrls } from "@/lib/demo-apps/lunch-app";
import { lunchCookieOptions, notInDemoMode } from "@/lib/demo-apps/lunch-cookies";
import { lunchClientConfig } from "@/lib/demo-apps/lunch-oidc";
import { LUNCH_LOGIN_COOKIE, LUNCH_SESSION_COOKIE, newOpaqueId, saveSession, takePendingLogin } from "@/lib/demo-apps/lunch-sessions";
import { logger } from "@/lib/ops/logger";

function back(home: string, error?: string) {
  const response = NextResponse.redirect(error ? `${home}?error=${encodeURIComponent(error)}` : home, 303);
  response.headers.set("Cache-Control", "no-store");
  response.cookies.set(LUNCH_LOGIN_COOKIE, "", lunchCookieOptions(0));
  return response;
}

export async function GET(request: NextRequest) {
  if (!isDemoMode()) return notInDemoMode();
  const urls = lunchUrls();
  const pending = takePendingLogin(request.cookies.get(LUNCH_LOGIN_COOKIE)?.value);
  if (!pending) return back(urls.home, "no sign-in in progress");
  const returned = request.nextUrl.searchParams.get("error");
  if (returned) return back(urls.home, returned);
  try {
    const config = await lunchClientConfig();
    // The URL as registered (the public one), with the provider's query.
    const current = new URL(`${urls.callback}${request.nextUrl.search}`);
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub).catch((error: unknown) => {
      logger.warn({ err: error }, "demo lunch app: userinfo failed");
      return null;
    });
    const key = newOpaqueId();
    saveSession(key, {
      sub: claims.sub,
      sid: typeof claims.sid === "string" ? claims.sid : null,
      idToken: tokens.id_token!,
      idTokenClaims: { ...claims },
      userinfo: userinfo ? { ...userinfo } : null,
      signedInAt: Date.now(),
    });
    const response = back(urls.home);
    response.cookies.set(LUNCH_SESSION_COOKIE, key, lunchCookieOptions(8 * 3600));
    return response;
  } catch (error) {
    logger.warn({ err: error }, "demo lunch app: sign-in failed");
    return back(urls.home, error instanceof Error ? error.message : "sign-in failed");
  }
}
