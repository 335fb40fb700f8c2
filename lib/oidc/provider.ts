// The district's OpenID Provider (issue 12), built on oidc-provider and mounted by the portal
// server at /oidc. Code flow only; PKCE (S256) required for public apps; client secrets stored
// as SHA-256 (the provider hashes what an app presents before comparing); refresh tokens rotate
// and a reused one revokes its grant; RP-initiated and back-channel logout; everything stored in
// PostgreSQL (lib/oidc/adapter.ts). One provider per process; it reloads itself when another
// instance rotated the signing keys (checked at most once a minute).
import { createHmac } from "node:crypto";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { adapterFor } from "@/lib/oidc/adapter";
import { findOidcAccount, OIDC_SCOPE_CLAIMS } from "@/lib/oidc/account";
import { oidcInteractionPolicy } from "@/lib/oidc/interaction-policy";
import { oidcIssuer, OIDC_MOUNT_PATH } from "@/lib/oidc/issuer";
import { loadSigningJwks, signingKeysVersion } from "@/lib/oidc/keys";
import { recordOidcSignIn } from "@/lib/oidc/record-sign-in";
import { renderLogoutPage, renderOidcErrorPage, renderPostLogoutPage } from "@/lib/oidc/provider-pages";
import { hashClientSecret } from "@/lib/oidc/client-secret";
import { logger } from "@/lib/ops/logger";

export const OIDC_TTL = {
  AccessToken: 10 * 60,
  AuthorizationCode: 60,
  IdToken: 60 * 60,
  // Bounded by the browser session anyway (tokens without offline_access expire with it).
  RefreshToken: 14 * 24 * 60 * 60,
  Interaction: 30 * 60,
  // As long as a portal session (lib/auth/auth-session-store.ts): shared family devices.
  Session: 8 * 60 * 60,
  Grant: 14 * 24 * 60 * 60,
} as const;

const KEY_CHECK_INTERVAL_MS = 60_000;

function cookieKeys(): string[] {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (it also signs the OpenID Provider's cookies)");
  return [createHmac("sha256", secret).update("oidc-cookie-key.v1").digest("base64url")];
}

function isFirstParty(ctx: KoaContextWithOIDC): boolean {
  return (ctx.oidc.client?.metadata() as { first_party?: boolean } | undefined)?.first_party === true;
}

/**
 * The grant to use without asking: the one of this session (or the consent just given), and
 * for a first-party app one made (or widened) on the spot, so it never shows a consent step.
 */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { client, session, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  // A grant of another person (a session reused after a different sign-in) is never reused.
  const grant = existing && existing.accountId === session.accountId && existing.clientId === client.clientId ? existing : undefined;
  if (!isFirstParty(ctx)) return grant;
  const firstPartyGrant = grant ?? new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
  firstPartyGrant.addOIDCScope([...ctx.oidc.requestParamScopes].join(" "));
  await firstPartyGrant.save();
  return firstPartyGrant;
}

function configuration(jwks: { keys: object[] }): Configuration {
  return {
    adapter: adapterFor,
    findAccount: findOidcAccount,
    jwks: jwks as Configuration["jwks"],
    claims: Object.fromEntries(Object.entries(OIDC_SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    // offline_access (granted only with prompt=consent): refresh tokens that outlive the browser session.
    scopes: ["openid", "offline_access", "profile", "email", "students"],
    // Claims also in the ID token: apps such as PowerSchool read the identifying claim from it
    // only. Not `students`: findOidcAccount releases it to userinfo alone.
    conformIdTokenClaims: false,
    extraClientMetadata: { properties: ["first_party", "identifier_claim"] },
    responseTypes: ["code"],
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "none"],
    enabledJWA: {
      idTokenSigningAlgValues: ["RS256", "ES256"],
      userinfoSigningAlgValues: ["RS256", "ES256"],
      introspectionSigningAlgValues: ["RS256", "ES256"],
      authorizationSigningAlgValues: ["RS256", "ES256"],
      requestObjectSigningAlgValues: ["RS256", "ES256"],
      clientAuthSigningAlgValues: ["RS256", "ES256"],
    },
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" },
    allowOmittingSingleRegisteredRedirectUri: false,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: true,
    ttl: { ...OIDC_TTL },
    cookies: { keys: cookieKeys() },
    interactions: { url: async (_ctx, interaction) => `${OIDC_MOUNT_PATH}/interaction/${interaction.uid}`, policy: oidcInteractionPolicy() },
    loadExistingGrant,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: renderLogoutPage, postLogoutSuccessSource: renderPostLogoutPage },
      backchannelLogout: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      // No resource servers of our own: access tokens are for userinfo.
      resourceIndicators: { enabled: false },
      registration: { enabled: false },
      introspection: { enabled: false },
      // No app of a district sends pushed authorization requests: one endpoint less.
      pushedAuthorizationRequests: { enabled: false },
    },
    renderError: renderOidcErrorPage,
  };
}

async function buildProvider(): Promise<{ provider: Provider; version: string }> {
  const { keys, version } = await loadSigningJwks();
  const provider = new Provider(oidcIssuer(), configuration({ keys }));
  // Koa's "proxy": read the scheme, host and client address from X-Forwarded-*. The portal
  // server sets those itself for every /oidc request (the public URL's scheme and host, the
  // client address it computed from TRUSTED_PROXIES), so no browser-sent value reaches here.
  provider.proxy = true;
  // The console stores SHA-256(secret): compare the hash of what the app presents with it.
  const compare = provider.Client.prototype.compareClientSecret;
  provider.Client.prototype.compareClientSecret = function compareHashedSecret(this: InstanceType<Provider["Client"]>, actual: string) {
    return compare.call(this, hashClientSecret(actual));
  };
  provider.on("authorization.success", (ctx: KoaContextWithOIDC) => {
    const accountId = ctx.oidc.session?.accountId;
    const clientId = ctx.oidc.client?.clientId;
    if (!accountId || !clientId) return;
    recordOidcSignIn({ clientId, accountId, ip: ctx.ip }).catch((error: unknown) => logger.error({ err: error }, "oidc sign-in record failed"));
  });
  provider.on("server_error", (_ctx: unknown, error: Error) => logger.error({ err: error }, "oidc provider error"));
  provider.on("backchannel.error", (_ctx: unknown, error: Error, client: { clientId: string }) =>
    logger.warn({ clientId: client.clientId, error: error.message }, "oidc back-channel logout failed"),
  );
  return { provider, version };
}

type Holder = { current?: { provider: Provider; version: string; checkedAt: number }; building?: Promise<Provider> };
const holder = globalThis as unknown as { oidcProviderHolder?: Holder };

async function refresh(state: Holder): Promise<Provider> {
  if (state.current) {
    const version = await signingKeysVersion();
    if (version === state.current.version) {
      state.current.checkedAt = Date.now();
      return state.current.provider;
    }
  }
  const built = await buildProvider();
  state.current = { ...built, checkedAt: Date.now() };
  return built.provider;
}

/** The provider of this process (one per process, shared by the portal server and the app's own code). */
export async function oidcProvider(): Promise<Provider> {
  const state = (holder.oidcProviderHolder ??= {});
  if (state.current && Date.now() - state.current.checkedAt < KEY_CHECK_INTERVAL_MS) return state.current.provider;
  state.building ??= refresh(state).finally(() => {
    state.building = undefined;
  });
  return state.building;
}
