// Serves the OpenID Provider from the portal server (lib/http/portal-server.ts): everything
// under /oidc (the issuer's path), plus /.well-known/openid-configuration at the site root for
// apps that look for discovery there. The interaction steps are ours (lib/oidc/interaction-routes.ts);
// the rest is oidc-provider, told its mount path through req.originalUrl and the public URL's
// scheme and host through X-Forwarded-* (never the request's Host header: endpoint URLs in
// discovery cannot be steered by a client).
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import { publicBaseUrl } from "@/lib/config/public-url";
import { handleInteractionRequest } from "@/lib/oidc/interaction-routes";
import { OIDC_MOUNT_PATH } from "@/lib/oidc/issuer";
import { oidcProvider } from "@/lib/oidc/provider";

const ROOT_DISCOVERY = "/.well-known/openid-configuration";
const handlers = new WeakMap<Provider, ReturnType<Provider["callback"]>>();

export function isOidcPath(url: string | undefined): boolean {
  const path = (url ?? "/").split(/[?#]/, 1)[0]!;
  return path === ROOT_DISCOVERY || path === OIDC_MOUNT_PATH || path.startsWith(`${OIDC_MOUNT_PATH}/`);
}

/** Answers an /oidc request (true), or leaves any other request to Next.js (false). */
export async function handleOidcRequest(req: IncomingMessage, res: ServerResponse, clientAddress: string): Promise<boolean> {
  if (!isOidcPath(req.url)) return false;
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
  if (await handleInteractionRequest(req, res, clientAddress)) return true;

  const publicUrl = new URL(publicBaseUrl());
  for (const name of ["forwarded", "x-forwarded-port"]) delete req.headers[name];
  req.headers["x-forwarded-host"] = publicUrl.host;
  req.headers["x-forwarded-proto"] = publicUrl.protocol.replace(":", "");
  const url = req.url ?? "/";
  const original = url.startsWith(ROOT_DISCOVERY) ? `${OIDC_MOUNT_PATH}${url}` : url;
  (req as IncomingMessage & { originalUrl?: string }).originalUrl = original;
  req.url = original.slice(OIDC_MOUNT_PATH.length) || "/";

  const provider = await oidcProvider();
  let handler = handlers.get(provider);
  if (!handler) {
    handler = provider.callback();
    handlers.set(provider, handler);
  }
  await handler(req, res);
  return true;
}
