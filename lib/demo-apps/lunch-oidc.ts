// The demo lunch app as an OpenID Connect relying party: openid-client (code + PKCE) against
// the portal's own issuer, and jose for back-channel logout tokens (openid-client has no helper
// for them). Everything it knows about the provider comes from discovery, as for any app.
import * as client from "openid-client";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { oidcIssuer } from "@/lib/oidc/issuer";
import { LUNCH_CLIENT_ID } from "@/lib/demo-apps/lunch-app";

const BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";
const holder = globalThis as unknown as { lunchDemoOidc?: { issuer: string; config: Promise<client.Configuration>; at: number } };
const CONFIG_TTL_MS = 10 * 60_000;

/** The discovered configuration, cached for a few minutes (refetched after a failure). */
export function lunchClientConfig(): Promise<client.Configuration> {
  const issuer = oidcIssuer();
  const cached = holder.lunchDemoOidc;
  if (cached && cached.issuer === issuer && Date.now() - cached.at < CONFIG_TTL_MS) return cached.config;
  const url = new URL(issuer);
  // The demo runs on http://localhost; a real app talks to the provider over https only.
  const options = url.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : undefined;
  const config = client.discovery(url, LUNCH_CLIENT_ID, undefined, client.None(), options);
  holder.lunchDemoOidc = { issuer, config, at: Date.now() };
  config.catch(() => {
    if (holder.lunchDemoOidc?.config === config) holder.lunchDemoOidc = undefined;
  });
  return config;
}

const jwksHolder = globalThis as unknown as { lunchDemoJwks?: { uri: string; jwks: ReturnType<typeof createRemoteJWKSet> } };

/**
 * A Back-Channel Logout 1.0 logout token checked as the spec asks: signature against the
 * provider's JWKS, iss, aud, iat/exp, typ logout+jwt, the event, sub or sid, no nonce.
 * (The jti replay check is the caller's.)
 */
export async function verifyLunchLogoutToken(token: string): Promise<JWTPayload & { sid?: string }> {
  const config = await lunchClientConfig();
  const metadata = config.serverMetadata();
  if (!metadata.jwks_uri) throw new Error("the provider publishes no jwks_uri");
  if (jwksHolder.lunchDemoJwks?.uri !== metadata.jwks_uri) {
    jwksHolder.lunchDemoJwks = { uri: metadata.jwks_uri, jwks: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
  }
  const { payload } = await jwtVerify(token, jwksHolder.lunchDemoJwks.jwks, {
    issuer: metadata.issuer,
    audience: LUNCH_CLIENT_ID,
    typ: "logout+jwt",
    algorithms: ["RS256", "ES256"],
    requiredClaims: ["iat", "exp", "jti", "events"],
    maxTokenAge: "2 minutes",
  });
  const events = payload.events as Record<string, unknown> | undefined;
  const event = events?.[BACKCHANNEL_EVENT];
  if (!event || typeof event !== "object" || Array.isArray(event)) throw new Error("not a back-channel logout event");
  if (!payload.sub && typeof payload.sid !== "string") throw new Error("neither sub nor sid");
  if ("nonce" in payload) throw new Error("a logout token must not carry a nonce");
  return payload as JWTPayload & { sid?: string };
}
