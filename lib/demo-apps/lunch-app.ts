// "Riverside Lunch Payments (demo)": an app of the demo district that signs parents in through
// the portal's OpenID Provider, so `npm start` shows the whole loop (sign-in, claims, RP-initiated
// logout, and a staff reset ending its session through back-channel logout). Served by the same
// server under /demo-apps/lunch, only in demo mode. It is a public client (PKCE only), like
// PowerSchool's mobile app, and not first-party, so the consent step shows too.
import { prisma } from "@/lib/db";
import { isDemoMode } from "@/lib/config/demo-mode";
import { publicBaseUrl } from "@/lib/config/public-url";

export const LUNCH_CLIENT_ID = "riverside-lunch-demo";
export const LUNCH_APP_NAME = "Riverside Lunch Payments (demo)";
export const LUNCH_BASE_PATH = "/demo-apps/lunch";
export const LUNCH_SCOPES = ["openid", "profile", "email", "students"];
/** What its sign-in asks for: the parent's name, e-mail and children (to pay for their lunches). */
export const LUNCH_REQUESTED_SCOPES = LUNCH_SCOPES.join(" ");

export function lunchUrls(env: NodeJS.ProcessEnv = process.env) {
  const base = `${publicBaseUrl(env)}${LUNCH_BASE_PATH}`;
  return { home: base, callback: `${base}/callback`, backchannelLogout: `${base}/backchannel-logout` };
}

/**
 * Registers the demo app (demo seed) or brings its URIs in line with the current public URL
 * (each start in demo mode: the port may differ). Never outside demo mode.
 */
export async function ensureDemoLunchApp(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!isDemoMode(env)) return;
  const urls = lunchUrls(env);
  const fields = {
    name: LUNCH_APP_NAME,
    redirectUris: [urls.callback],
    postLogoutRedirectUris: [urls.home],
    backchannelLogoutUri: urls.backchannelLogout,
    scopes: LUNCH_SCOPES,
  };
  await prisma.oidcClient.upsert({
    where: { clientId: LUNCH_CLIENT_ID },
    create: { clientId: LUNCH_CLIENT_ID, secretHash: null, firstParty: false, identifierClaim: "sub", ...fields },
    // A site admin may have disabled it or changed its scopes: only the URIs follow the public URL.
    update: { redirectUris: fields.redirectUris, postLogoutRedirectUris: fields.postLogoutRedirectUris, backchannelLogoutUri: fields.backchannelLogoutUri },
  });
}
