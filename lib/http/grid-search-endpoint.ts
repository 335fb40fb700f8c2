// GET /api/console/parents answered by the portal server itself, before Next.js: the grid's
// search-as-you-type is the console's most frequent request, and Next.js's routing, proxy and
// route-handler machinery cost more CPU than the search (several milliseconds per answer, the
// load test's profile). Same answer as the Next.js route (lib/parents/grid-search-response.ts),
// same session checks (the cookie read as Next.js reads it, the session, user and setup step
// looked up on every request), and the headers Next.js would add (next.config.ts, proxy.ts).
// Gzipped as Next.js would (lib/http/response-compression.ts).
// Anything else on this path (HEAD, a trailing slash, other methods) is left to Next.js.
import type { IncomingMessage, ServerResponse } from "node:http";
import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { openConsoleStaff, principalOfCookies } from "@/lib/auth/session-cookie-principal";
import { publicUrlIsHttps } from "@/lib/config/public-url";
import { gridSearchResponse } from "@/lib/parents/grid-search-response";
import { compressForClient } from "@/lib/http/response-compression";
import { contentSecurityPolicy, createNonce, EVERY_RESPONSE_HEADERS, NOT_FRAMED_HEADERS } from "@/lib/http/security-headers";

const PATH = "/api/console/parents";

export function isGridSearchRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET") return false;
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  return (query === -1 ? url : url.slice(0, query)) === PATH;
}

export async function answerGridSearchRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const params = new URL(req.url ?? PATH, "http://localhost").searchParams;
  const requestCookies = new RequestCookies(new Headers(typeof req.headers.cookie === "string" ? { cookie: req.headers.cookie } : {}));
  const { status, body } = await gridSearchResponse(async () => openConsoleStaff(await principalOfCookies(requestCookies)), params);
  const { payload, gzipped: compressed } = await compressForClient(Buffer.from(JSON.stringify(body)), req.headers["accept-encoding"]);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": payload.length,
    ...(compressed ? { "Content-Encoding": "gzip" } : {}),
    Vary: "Accept-Encoding",
    "Cache-Control": "no-store",
    "Content-Security-Policy": contentSecurityPolicy({ nonce: createNonce(), dev: process.env.NODE_ENV === "development", https: publicUrlIsHttps() }),
    ...EVERY_RESPONSE_HEADERS,
    ...NOT_FRAMED_HEADERS,
  });
  res.end(payload);
}
