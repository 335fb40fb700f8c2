// The server `npm start` runs: Node's http server with Next.js inside the same process.
// Before Next.js sees a request it overwrites the headers that carry the client's address
// (computed from the socket and TRUSTED_PROXIES), so a browser-sent X-Forwarded-For never
// decides audit IPs or per-address limits, and it adds HSTS when the public URL is https.
// It refuses to start on a configuration that is unsafe outside demo mode. Each request gets
// an id, runs in its context (log lines, audit events) and is logged once answered
// (lib/http/request-log.ts). A request that fails because the database is unreachable is
// answered 503 (lib/http/unavailable-response.ts). The OpenID Provider is served from here
// too, under /oidc (lib/oidc/mount.ts), and the grid's JSON search, the console's most
// frequent request (lib/http/grid-search-endpoint.ts).
import { createServer, type IncomingMessage, type Server } from "node:http";
import next from "next";
import { assertStartConfig } from "@/lib/config/assert-start-config";
import { clientAddressOf, parseTrustedProxies, peerIsTrustedProxy } from "@/lib/http/client-address";
import { CLIENT_ADDRESS_HEADER, markPortalServerProcess } from "@/lib/http/portal-server-marker";
import { answerGridSearchRequest, isGridSearchRequest } from "@/lib/http/grid-search-endpoint";
import { createPublicPageCache } from "@/lib/http/public-page-cache";
import { STRICT_TRANSPORT_SECURITY } from "@/lib/http/security-headers";
import { observeRequest } from "@/lib/http/request-log";
import { answerUnavailableOnDatabaseFailure } from "@/lib/http/unavailable-response";
import { logger } from "@/lib/ops/logger";
import { handleOidcRequest } from "@/lib/oidc/mount";
import { runWithRequestContext } from "@/lib/ops/request-context";
import type { BlockList } from "node:net";

export interface PortalServerOptions {
  dev: boolean;
  port: number;
  /** Interface to listen on; all interfaces when omitted. */
  hostname?: string;
  /** The folder holding the app (default: the current directory). */
  dir?: string;
}

export interface RunningPortalServer {
  server: Server;
  close(): Promise<void>;
}

const ADDRESS_HEADERS = ["x-forwarded-for", "x-real-ip", CLIENT_ADDRESS_HEADER];
// Only a trusted proxy may say which host and scheme the browser used (Next.js compares a
// server action's Origin with X-Forwarded-Host): from anyone else they are dropped.
const FORWARDED_ORIGIN_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/** Replaces every address header the client may have sent with the one we computed. */
export function stampClientAddress(req: IncomingMessage, trusted: BlockList): string {
  const address = clientAddressOf(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
  const dropped = new Set(peerIsTrustedProxy(req.socket.remoteAddress, trusted) ? ADDRESS_HEADERS : [...ADDRESS_HEADERS, ...FORWARDED_ORIGIN_HEADERS]);
  for (const name of dropped) delete req.headers[name];
  req.headers["x-forwarded-for"] = address;
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  const kept: string[] = [];
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    if (!dropped.has(req.rawHeaders[index]!.toLowerCase())) kept.push(req.rawHeaders[index]!, req.rawHeaders[index + 1]!);
  }
  kept.push("X-Forwarded-For", address, CLIENT_ADDRESS_HEADER, address);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...kept);
  return address;
}

// `next` is CommonJS: depending on the loader its factory is the default export or inside it.
function nextFactory(): typeof next {
  const candidate = next as unknown as { default?: typeof next };
  return typeof next === "function" ? next : candidate.default!;
}

export async function startPortalServer(options: PortalServerOptions): Promise<RunningPortalServer> {
  const config = assertStartConfig(process.env);
  const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  // next-auth takes its URLs and the Secure flag of its cookies from NEXTAUTH_URL.
  process.env.NEXTAUTH_URL = config.publicUrl;
  process.env.PORTAL_URL = config.publicUrl;
  markPortalServerProcess();

  const https = config.publicUrl.startsWith("https://");
  let handle: ((req: IncomingMessage, res: import("node:http").ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    const fromTrustedProxy = peerIsTrustedProxy(req.socket.remoteAddress, trusted);
    const clientAddress = stampClientAddress(req, trusted);
    const context = observeRequest(req, res, { clientAddress, fromTrustedProxy, pageCopyRender: pages?.isOwnRender(req) });
    if (https) res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    answerUnavailableOnDatabaseFailure(req, res);
    // The grid's search (lib/http/grid-search-endpoint.ts), the parents' entry pages for
    // visitors without a session (lib/http/public-page-cache.ts) and the OpenID Provider (/oidc,
    // lib/oidc/mount.ts) are answered here, everything else by Next.js.
    runWithRequestContext(context, async () => {
      if (isGridSearchRequest(req)) await answerGridSearchRequest(req, res);
      else if (pages?.accepts(req) && (await pages.answer(req, res))) return;
      else if (!(await handleOidcRequest(req, res, clientAddress))) await handle!(req, res);
    }).catch((error: unknown) => {
      runWithRequestContext(context, () => logger.error({ err: error }, "request failed"));
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  // Declared after the server it renders through; requests come only once it listens.
  // Not in development: a page there changes with the code.
  const pages = options.dev ? null : createPublicPageCache(server, config.publicUrl);
  const app = nextFactory()({ dev: options.dev, dir: options.dir, hostname: options.hostname, port: options.port, httpServer: server });
  handle = app.getRequestHandler();
  await app.prepare();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  logger.info(
    { host: options.hostname ?? "all interfaces", port: options.port, mode: options.dev ? "development" : "production", demo: config.demo, publicUrl: config.publicUrl },
    "listening",
  );
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
