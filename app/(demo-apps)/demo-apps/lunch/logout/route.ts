// GET /demo-apps/lunch/logout: ends the demo app's session and sends the browser to the
// provider's end-session endpoint (RP-initiated logout), which comes back to the app. Demo mode only.
import { NextResponse, type NextRequest } from "next/server";
import * as client from "openid-client";
import { isDemoMode } from "@/lib/config/demo-mode";
import { lunchUrls } from "@/lib/demo-apps/lunch-app";
import { lunchCookieOptions, notInDemoMode } from "@/lib/demo-apps/lunch-cookies";
import { lunchClientConfig } from "@/lib/demo-apps/lunch-oidc";
import { endSession, findSession, LUNCH_SESSION_COOKIE } from "@/lib/demo-apps/lunch-sessions";

export async function GET(request: NextRequest) {
  if (!isDemoMode()) return notInDemoMode();
  const urls = lunchUrls();
  const key = request.cookies.get(LUNCH_SESSION_COOKIE)?.value;
  const session = findSession(key);
  endSession(key);
  const target = session
    ? client.buildEndSessionUrl(await lunchClientConfig(), { post_logout_redirect_uri: urls.home, id_token_hint: session.idToken }).href
    : urls.home;
  const response = NextResponse.redirect(target, 303);
  response.headers.set("Cache-Control", "no-store");
  response.cookies.set(LUNCH_SESSION_COOKIE, "", lunchCookieOptions(0));
  return response;
}
