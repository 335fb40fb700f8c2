// The demo lunch app's cookies: opaque random keys into its in-memory store, HttpOnly, scoped
// to its own path, Secure when the portal is served over https.
import { publicUrlIsHttps } from "@/lib/config/public-url";
import { LUNCH_BASE_PATH } from "@/lib/demo-apps/lunch-app";

export function lunchCookieOptions(maxAgeSeconds: number) {
  return { httpOnly: true, sameSite: "lax" as const, secure: publicUrlIsHttps(), path: LUNCH_BASE_PATH, maxAge: maxAgeSeconds };
}

export function notInDemoMode(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
