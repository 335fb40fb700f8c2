// Pure parts of the OpenID Provider core: the signing-key box, an app's client metadata, the
// interaction routes' URL matching, the provider pages' escaping and language.
import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { JWK } from "jose";
import { openJwk, sealJwk } from "@/lib/oidc/keys";
import { identifierClaimOf, oidcClientMetadata } from "@/lib/oidc/client-metadata";
import { interactionRoute } from "@/lib/oidc/interaction-routes";
import { escapeHtml, localeOfCookieHeader } from "@/lib/oidc/provider-pages";
import { isOidcPath } from "@/lib/oidc/mount";

const row = {
  clientId: "sis",
  name: "SIS",
  secretHash: "ab".repeat(32),
  redirectUris: ["https://sis.example.org/cb"],
  postLogoutRedirectUris: [],
  backchannelLogoutUri: "https://sis.example.org/bcl",
  firstParty: true,
  scopes: ["profile", "email"],
  identifierClaim: "email",
};

describe("signing-key box", () => {
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET ??= "unit-tests-oidc-secret";
  });
  const jwk = { ...(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" }) as JWK), kid: "k1" };

  it("opens what it sealed, for the same kid only", () => {
    const sealed = sealJwk(jwk, "k1");
    expect(sealed).not.toContain(jwk.d!);
    expect(openJwk(sealed, "k1")).toEqual(jwk);
    expect(openJwk(sealed, "k2")).toBeNull();
  });

  it("refuses a tampered box or another secret", () => {
    const sealed = sealJwk(jwk, "k1");
    const parts = sealed.split(".");
    parts[2] = `${parts[2]!.slice(0, -2)}AA`;
    expect(openJwk(parts.join("."), "k1")).toBeNull();
    const secret = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = "another secret entirely";
    try {
      expect(openJwk(sealed, "k1")).toBeNull();
    } finally {
      process.env.NEXTAUTH_SECRET = secret;
    }
  });
});

describe("client metadata", () => {
  it("a confidential app: hashed secret, code flow only, RS256, session-bound back-channel logout, openid always", () => {
    expect(oidcClientMetadata(row)).toMatchObject({
      client_id: "sis",
      client_secret: row.secretHash,
      token_endpoint_auth_method: "client_secret_basic",
      response_types: ["code"],
      grant_types: ["authorization_code", "refresh_token"],
      id_token_signed_response_alg: "RS256",
      backchannel_logout_session_required: true,
      scope: "openid profile email",
      first_party: true,
      identifier_claim: "email",
    });
  });

  it("a public app has no secret (PKCE then required) and no back-channel logout when none is set", () => {
    const metadata = oidcClientMetadata({ ...row, secretHash: null, backchannelLogoutUri: null });
    expect(metadata.token_endpoint_auth_method).toBe("none");
    expect(metadata).not.toHaveProperty("client_secret");
    expect(metadata).not.toHaveProperty("backchannel_logout_uri");
  });

  it("an unknown identifier claim falls back to sub", () => {
    expect(identifierClaimOf("sis_id")).toBe("sis_id");
    expect(identifierClaimOf("upn")).toBe("sub");
    expect(identifierClaimOf(null)).toBe("sub");
  });
});

describe("routes", () => {
  it("matches the interaction steps by uid shape only", () => {
    expect(interactionRoute("/oidc/interaction/abcDEF123_-xyz")).toEqual({ uid: "abcDEF123_-xyz", action: "show" });
    expect(interactionRoute("/oidc/interaction/abcDEF123_-xyz/consent?x=1")).toEqual({ uid: "abcDEF123_-xyz", action: "consent" });
    expect(interactionRoute("/oidc/interaction/abcDEF123_-xyz/student-login")).toEqual({ uid: "abcDEF123_-xyz", action: "student-login" });
    expect(interactionRoute("/oidc/interaction/short")).toBeNull();
    expect(interactionRoute("/oidc/interaction/abcDEF123_-xyz/other")).toBeNull();
    expect(interactionRoute("/oidc/interaction/..%2f..%2fetc%2fpasswd")).toBeNull();
  });

  it("sends /oidc and root discovery to the provider, nothing else", () => {
    expect(isOidcPath("/oidc/auth?client_id=x")).toBe(true);
    expect(isOidcPath("/.well-known/openid-configuration")).toBe(true);
    expect(isOidcPath("/oidcx")).toBe(false);
    expect(isOidcPath("/sign-in?app=abc")).toBe(false);
  });
});

describe("provider pages", () => {
  it("escape what they show and read the portal's language cookie", () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe("&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;");
    expect(localeOfCookieHeader("a=1; NEXT_LOCALE=ar")).toBe("ar");
    expect(localeOfCookieHeader("NEXT_LOCALE=xx")).toBe("en");
    expect(localeOfCookieHeader(undefined)).toBe("en");
  });
});
