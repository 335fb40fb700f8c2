// GET /api/console/captcha: a fresh ALTCHA challenge for "Get back into your account" (public:
// the visitor is signed out). Costs the server one HMAC; the per-source limit keeps a flood of
// challenge requests cheap. Never cached: each challenge is accepted once.
import { NextResponse } from "next/server";
import { currentClientIp } from "@/lib/http/client-ip";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { throttleSource } from "@/lib/security/throttle-source";
import { createSelfServiceChallenge } from "@/lib/staff-auth/recovery/self-service-captcha";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET() {
  const ip = await currentClientIp();
  const limit = await hitRateLimit({ key: `staff-recovery:captcha:ip:${throttleSource(ip)}`, limit: 120, windowSeconds: 3600 });
  if (!limit.allowed) {
    return NextResponse.json({ ok: false, error: "Too many requests. Try again later." }, { status: 429, headers: { ...NO_STORE, "Retry-After": String(limit.retryAfterSeconds) } });
  }
  return NextResponse.json(await createSelfServiceChallenge(), { headers: NO_STORE });
}
