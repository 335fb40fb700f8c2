// An app of the console (OidcClient row) as oidc-provider client metadata. A confidential app's
// "client_secret" is the SHA-256 of its secret (the provider hashes what the app presents before
// comparing, lib/oidc/provider.ts); a public app (no secret) must use PKCE. Only the code flow,
// only RS256 ID tokens, exact redirect URIs.
import type { OidcClient } from "@/lib/generated/prisma/client";

export const IDENTIFIER_CLAIMS = ["sub", "email", "sis_id"] as const;
export type IdentifierClaim = (typeof IDENTIFIER_CLAIMS)[number];

export function identifierClaimOf(value: string | undefined | null): IdentifierClaim {
  return (IDENTIFIER_CLAIMS as readonly string[]).includes(value ?? "") ? (value as IdentifierClaim) : "sub";
}

type ClientRow = Pick<
  OidcClient,
  "clientId" | "name" | "secretHash" | "redirectUris" | "postLogoutRedirectUris" | "backchannelLogoutUri" | "firstParty" | "scopes" | "identifierClaim"
>;

export function oidcClientMetadata(row: ClientRow): Record<string, unknown> {
  const scopes = new Set(["openid", ...row.scopes]);
  return {
    client_id: row.clientId,
    client_name: row.name,
    // oidc-provider accepts a registered client_secret_basic client's secret in the form body
    // too (client_secret_post, Canvas's default), as discovery advertises: one setting serves both.
    ...(row.secretHash ? { client_secret: row.secretHash, token_endpoint_auth_method: "client_secret_basic" } : { token_endpoint_auth_method: "none" }),
    redirect_uris: row.redirectUris,
    post_logout_redirect_uris: row.postLogoutRedirectUris,
    // session_required: the logout token (and the ID token) carry the session's sid, so an app ends that session only.
    ...(row.backchannelLogoutUri ? { backchannel_logout_uri: row.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    scope: [...scopes].join(" "),
    id_token_signed_response_alg: "RS256",
    first_party: row.firstParty,
    identifier_claim: identifierClaimOf(row.identifierClaim),
  };
}
