// The portal server's view of each request: a request id (X-Request-Id, on the request Next.js
// sees and on the response), one JSON log line when the response ends, and the request in the
// HTTP duration histogram. The line holds the path without its query string: a staff setup
// link carries its token there, and searches carry names.
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/ops/logger";
import { metrics, secondsSince } from "@/lib/ops/metrics";
import { REQUEST_ID_HEADER, requestIdFor, runWithRequestContext, type RequestContext } from "@/lib/ops/request-context";

// Probes and the build's static files would drown the log at info: they are debug lines.
const QUIET_PATHS = /^\/(api\/health|api\/ready|_next\/static\/|favicon\.ico$)/;

/** The path of a request target, without query or fragment, bounded. */
export function loggedPath(url: string | undefined): string {
  const target = url ?? "/";
  const path = target.split(/[?#]/, 1)[0] || "/";
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/** Sets the request id on the request (replacing any the client sent) and the response, and logs the response when it ends. */
export function observeRequest(
  req: IncomingMessage,
  res: ServerResponse,
  meta: {
    clientAddress: string;
    fromTrustedProxy: boolean;
    /** The server asking itself for a page to copy (public-page-cache.ts): a debug line, marked. */
    pageCopyRender?: boolean;
  },
): RequestContext {
  const requestId = requestIdFor(req.headers[REQUEST_ID_HEADER], meta.fromTrustedProxy);
  req.headers[REQUEST_ID_HEADER] = requestId;
  const raw: string[] = [];
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    if (req.rawHeaders[index]!.toLowerCase() !== REQUEST_ID_HEADER) raw.push(req.rawHeaders[index]!, req.rawHeaders[index + 1]!);
  }
  raw.push("X-Request-Id", requestId);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  res.setHeader("X-Request-Id", requestId);
  const context: RequestContext = { requestId };

  const startedAt = performance.now();
  res.once("close", () => {
    const seconds = secondsSince(startedAt);
    const method = req.method ?? "GET";
    metrics.httpRequests.observe({ method: /^[A-Z]{3,7}$/.test(method) ? method : "OTHER", status: `${Math.floor(res.statusCode / 100)}xx` }, seconds);
    // The URL as the client sent it (the OpenID Provider's mount strips /oidc from req.url).
    const path = loggedPath((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url);
    const line = {
      method,
      path,
      status: res.statusCode,
      durationMs: Math.round(seconds * 10_000) / 10,
      ip: meta.clientAddress,
      // The client went away before the whole answer was written.
      ...(res.writableFinished ? {} : { aborted: true }),
      ...(meta.pageCopyRender ? { pageCopyRender: true } : {}),
    };
    // In the request's context, so the line carries its id like every other line of it.
    const quiet = QUIET_PATHS.test(path) || meta.pageCopyRender;
    runWithRequestContext(context, () => (quiet ? logger.debug(line, "request") : logger.info(line, "request")));
  });
  return context;
}
