// POST /demo-apps/lunch/backchannel-logout: the provider's back-channel logout (a staff reset,
// or the parent signing out elsewhere). The logout token is verified (signature, iss, aud,
// exp, typ, event, no nonce, jti once) and the matching sessions of the demo app end.
// 200 on success, 400 otherwise, never cached. Demo mode only.
import { isDemoMode } from "@/lib/config/demo-mode";
import { notInDemoMode } from "@/lib/demo-apps/lunch-cookies";
import { verifyLunchLogoutToken } from "@/lib/demo-apps/lunch-oidc";
import { endSessionsOf, useJtiOnce } from "@/lib/demo-apps/lunch-sessions";
import { logger } from "@/lib/ops/logger";

const NO_STORE = { "Cache-Control": "no-store" };

function refuse(reason: string) {
  return Response.json({ error: "invalid_request", error_description: reason }, { status: 400, headers: NO_STORE });
}

export async function POST(request: Request) {
  if (!isDemoMode()) return notInDemoMode();
  if (!(request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) return refuse("expected a form");
  const token = new URLSearchParams(await request.text()).get("logout_token");
  if (!token || token.length > 10_000) return refuse("logout_token is missing");
  let payload: Awaited<ReturnType<typeof verifyLunchLogoutToken>>;
  try {
    payload = await verifyLunchLogoutToken(token);
  } catch (error) {
    logger.warn({ err: error }, "demo lunch app: logout token refused");
    return refuse("invalid logout token");
  }
  if (!useJtiOnce(String(payload.jti), payload.exp ?? 0)) return refuse("logout token replayed");
  const ended = endSessionsOf({ sub: payload.sub, sid: payload.sid });
  logger.info({ ended, sid: payload.sid ?? null }, "demo lunch app: back-channel logout");
  return new Response(null, { status: 200, headers: NO_STORE });
}
