// The provider's login and consent steps (issue 12, item 3), answered by the portal server
// under the interaction cookie's path (/oidc/interaction/<uid>), with Node's req/res as
// oidc-provider's interaction helpers need:
//   GET  /oidc/interaction/<uid>                a parent signed in to the portal continues; else
//                                               to the portal's sign-in, "choose your password" or consent page
//   POST /oidc/interaction/<uid>/student-login  the student sign-in page's form
//   POST /oidc/interaction/<uid>/consent        the consent page's form (allow / deny)
// The last step answers a page that moves on to the provider by itself (see finish()).
// Every redirect goes to a fixed portal path with the interaction's uid (no URL from the request:
// no open redirect). POSTs need our own Origin, and the interaction cookie is SameSite=Lax, so
// a cross-site form cannot drive a sign-in or a consent (login CSRF).
import type { IncomingMessage, ServerResponse } from "node:http";
import { errors, type InteractionResults } from "oidc-provider";
import { z } from "zod";
import { authenticateStudent } from "@/lib/accounts/student-sign-in";
import { isSameOriginRequest } from "@/lib/http/same-origin-request";
import { logger } from "@/lib/ops/logger";
import { OIDC_MOUNT_PATH } from "@/lib/oidc/issuer";
import { oidcProvider } from "@/lib/oidc/provider";
import { portalParentSession } from "@/lib/oidc/portal-parent-session";
import { DEVICE_COOKIE_MAX_AGE_DAYS, DEVICE_COOKIE_NAMES, deviceCookieFromHeader } from "@/lib/auth/device-cookie";
import { publicUrlIsHttps } from "@/lib/config/public-url";
import { escapeHtml } from "@/lib/oidc/provider-pages";

function studentDeviceCookie(token: string): string {
  const secure = publicUrlIsHttps() ? "; Secure" : "";
  return `${DEVICE_COOKIE_NAMES.student}=${encodeURIComponent(token)}; Path=${OIDC_MOUNT_PATH}; Max-Age=${DEVICE_COOKIE_MAX_AGE_DAYS * 86_400}; HttpOnly; SameSite=Lax${secure}`;
}

/** What oidc-provider's nanoid uids look like; anything else is not an interaction. */
export const INTERACTION_UID = /^[A-Za-z0-9_-]{10,64}$/;
const ROUTE = new RegExp(`^${OIDC_MOUNT_PATH}/interaction/([^/?#]+)(?:/(student-login|consent))?/?(?:[?#].*)?$`);
const MAX_FORM_BYTES = 8 * 1024;

const studentLoginSchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });
const consentSchema = z.object({ decision: z.enum(["allow", "deny"]) });

export function interactionRoute(url: string | undefined): { uid: string; action: "show" | "student-login" | "consent" } | null {
  const match = ROUTE.exec(url ?? "");
  if (!match || !INTERACTION_UID.test(match[1]!)) return null;
  return { uid: match[1]!, action: (match[2] as "student-login" | "consent" | undefined) ?? "show" };
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 303;
  res.setHeader("Location", location);
  res.setHeader("Cache-Control", "no-store");
  res.end();
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

/** The interaction this browser's cookie names, when it is the one in the URL (else: start again). */
async function detailsFor(req: IncomingMessage, res: ServerResponse, uid: string) {
  const provider = await oidcProvider();
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new errors.SessionNotFound("interaction of another uid");
  return { provider, details };
}

/**
 * Stores the step's result and sends the browser on to the provider. Not a 303: after a form
 * post, browsers hold the whole redirect chain (which ends at the app's redirect URI, another
 * origin) to the posting page's CSP form-action 'self'. A page that moves on by itself starts a
 * new navigation instead.
 */
async function finish(req: IncomingMessage, res: ServerResponse, result: InteractionResults, merge: boolean): Promise<void> {
  const provider = await oidcProvider();
  const location = await provider.interactionResult(req, res, result, { mergeWithLastSubmission: merge });
  const href = escapeHtml(location);
  res.statusCode = 200;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(`<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>…</title></head><body><p><a href="${href}">Continue</a></p></body></html>`);
}

async function show(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
  const { details } = await detailsFor(req, res, uid);
  if (details.prompt.name === "login") {
    const parent = await portalParentSession(req);
    // prompt=login / max_age: only a portal sign-in made after this request began counts.
    const fresh = details.prompt.reasons.some((reason) => reason === "login_prompt" || reason === "max_age" || reason === "reauthentication_needed");
    const counts = parent !== null && (!fresh || parent.signedInAt.getTime() >= details.iat * 1000);
    if (counts && parent.mustChangePassword) return redirect(res, `/change-password?app=${uid}`);
    if (counts) return finish(req, res, { login: { accountId: parent.oidcSubject, amr: ["pwd"], remember: false } }, false);
    return redirect(res, `/sign-in?app=${uid}`);
  }
  if (details.prompt.name === "consent") return redirect(res, `/app-consent?app=${uid}`);
  return redirect(res, "/app-sign-in-expired");
}

async function studentLogin(req: IncomingMessage, res: ServerResponse, uid: string, clientAddress: string): Promise<void> {
  const { details } = await detailsFor(req, res, uid);
  if (details.prompt.name !== "login") return redirect(res, `${OIDC_MOUNT_PATH}/interaction/${uid}`);
  const parsed = studentLoginSchema.safeParse(Object.fromEntries((await readForm(req)) ?? []));
  if (!parsed.success) return redirect(res, `/student-sign-in?app=${uid}&error=invalid`);
  const device = deviceCookieFromHeader("student", req.headers.cookie);
  const result = await authenticateStudent(parsed.data.username, parsed.data.password, clientAddress, { deviceToken: device });
  if (!result.ok) return redirect(res, `/student-sign-in?app=${uid}&error=${result.reason === "rate_limited" ? "rate_limited" : "invalid"}`);
  // This browser may keep trying while someone else has spent the login's budget (student-sign-in.ts).
  res.appendHeader("Set-Cookie", studentDeviceCookie(result.deviceToken));
  return finish(req, res, { login: { accountId: result.oidcSubject, amr: ["pwd"], remember: false } }, false);
}

async function consent(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
  const { provider, details } = await detailsFor(req, res, uid);
  if (details.prompt.name !== "consent" || !details.session?.accountId) return redirect(res, `${OIDC_MOUNT_PATH}/interaction/${uid}`);
  const parsed = consentSchema.safeParse(Object.fromEntries((await readForm(req)) ?? []));
  if (!parsed.success) return redirect(res, `/app-consent?app=${uid}`);
  if (parsed.data.decision === "deny") {
    return finish(req, res, { error: "access_denied", error_description: "The user did not allow this app" }, true);
  }
  const clientId = String(details.params.client_id);
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId: details.session.accountId, clientId });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  return finish(req, res, { consent: { grantId } }, true);
}

/**
 * Answers the request when it is one of the interaction routes (true), else leaves it (false).
 * An interaction that expired or belongs to another browser ends on a "start again" page.
 */
export async function handleInteractionRequest(req: IncomingMessage, res: ServerResponse, clientAddress: string): Promise<boolean> {
  const route = interactionRoute(req.url);
  if (!route) return false;
  const post = req.method === "POST";
  if ((route.action === "show") === post || (!post && req.method !== "GET")) {
    res.statusCode = 405;
    res.setHeader("Allow", route.action === "show" ? "GET" : "POST");
    res.end();
    return true;
  }
  if (post && !isSameOriginRequest(headersOf(req))) {
    res.statusCode = 403;
    res.end();
    return true;
  }
  try {
    if (route.action === "show") await show(req, res, route.uid);
    else if (route.action === "student-login") await studentLogin(req, res, route.uid, clientAddress);
    else await consent(req, res, route.uid);
  } catch (error) {
    if (!(error instanceof errors.SessionNotFound || error instanceof errors.InvalidRequest)) {
      logger.error({ err: error }, "oidc interaction failed");
      throw error;
    }
    if (!res.headersSent) redirect(res, "/app-sign-in-expired");
  }
  return true;
}
