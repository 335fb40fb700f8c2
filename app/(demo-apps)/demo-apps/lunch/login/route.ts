// GET /demo-apps/lunch/login: the demo app starts a sign-in (code + PKCE, state, nonce) and
// sends the browser to the portal's OpenID Provider. Demo mode only.
import { NextResponse } from "next/server";
import * as client from "openid-client";
import { isDemoMode } from "@/lib/config/demo-mode";
import { LUNCH_REQUESTED_SCOPES, lunchUrls } from "@/lib/demo-apps/lunch-app";
import { lunchCookieOptions, notInDemoMode } from "@/lib/demo-apps/lunch-cookies";
import { lunchClientConfig } from "@/lib/demo-apps/lunch-oidc";
import { LUNCH_LOGIN_COOKIE, newOpaqueId, savePendingLogin } from "@/lib/demo-apps/lunch-sessions";

export async function GET() {
  if (!isDemoMode()) return notInDemoMode();
  const config = await lunchClientConfig();
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const key = newOpaqueId();
  savePendingLogin(key, { state, codeVerifier, nonce, createdAt: Date.now() });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: lunchUrls().callback,
    scope: LUNCH_REQUESTED_SCOPES,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const response = NextResponse.redirect(url.href, 303);
  response.headers.set("Cache-Control", "no-store");
  response.cookies.set(LUNCH_LOGIN_COOKIE, key, lunchCookieOptions(600));
  return response;
}
