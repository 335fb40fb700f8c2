// Cross-site request forgery guard for route handlers that change state (Next.js checks the
// Origin of server actions, not of our own POST routes): the request must carry an Origin of
// our own host, or at least the browser's word that it came from the same origin. The sign-in
// post (lib/auth/sign-in-with-credentials.ts) uses it too.
import { publicBaseUrl } from "@/lib/config/public-url";

export function isSameOriginRequest(requestHeaders: Headers): boolean {
  const origin = requestHeaders.get("origin");
  if (!origin) return requestHeaders.get("sec-fetch-site") === "same-origin";
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  // x-forwarded-host only survives from a trusted proxy (lib/http/portal-server.ts drops it otherwise).
  const ownHosts = [new URL(publicBaseUrl()).host, requestHeaders.get("x-forwarded-host"), requestHeaders.get("host")];
  return ownHosts.includes(host);
}
