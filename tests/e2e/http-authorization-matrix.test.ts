// The HTTP authorization matrix: every server action and route handler of the production
// build, called over real HTTP as an anonymous visitor, a signed-in parent, help desk and a
// site admin, and each answer checked. The build is read first: an action or route the
// tables below do not list fails the test, so a new one must get its row (one line).
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import { buildZip } from "../helpers/build-zip";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { builtRouteHandlers, builtServerActions, callServerAction, FormArgument, signInOverHttp, type ActionAnswer, type BuiltAction } from "../helpers/server-action-http";
import { registeredSecurityInfo } from "../helpers/staff-security-info";
import { giveStaffSecondFactor, recoveryCodeFor } from "../helpers/staff-second-factor";
import { OidcBrowser } from "../helpers/oidc-browser";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();

const { prisma } = await import("@/lib/db");
const { hashSecret, verifySecret } = await import("@/lib/security/password-hash");
const { issueStaffSetupLink } = await import("@/lib/staff-auth/issue-staff-setup-link");
const { getDistrictSettings } = await import("@/lib/settings/district-settings");
const { DISTRICT_SETTINGS_FIELDS } = await import("@/lib/settings/district-settings-schema");

const ROLES = ["anonymous", "parent", "helpDesk", "siteAdmin"] as const;
type Role = (typeof ROLES)[number];
/** ok / an ActionResult error code; "void" = no return value; "refused" = a form state with an error. */
type Outcome = "ok" | "void" | "refused" | "redirect" | "invalid" | "unauthorized" | "forbidden" | "conflict" | "rate_limited";
type PerRole<T> = Record<Role, T>;

const everyone = <T,>(outcome: T): PerRole<T> => ({ anonymous: outcome, parent: outcome, helpDesk: outcome, siteAdmin: outcome });
async function mfaTarget(staffDomain: string): Promise<number> {
  const user = await prisma.staffUser.create({ data: { email: `matrix.mfa-target@${staffDomain}`, name: "Matrix Mfa Target", role: "HELP_DESK", passwordHash: "x", securityInfo: { create: registeredSecurityInfo() } } });
  await giveStaffSecondFactor(user.id, 2);
  return user.id;
}

const staffOnly = (helpDesk: Outcome): PerRole<Outcome> => ({ anonymous: "unauthorized", parent: "unauthorized", helpDesk, siteAdmin: "ok" });
const parentOnly: PerRole<Outcome> = { anonymous: "unauthorized", parent: "ok", helpDesk: "unauthorized", siteAdmin: "unauthorized" };

interface Fixtures {
  parentAccountId: number;
  /** Staff members of each staff role used only by changeOwnPassphraseAction (an "ok" changes their passphrase and ends their other sessions). */
  passphraseChangers: Record<"helpDesk" | "siteAdmin", { id: number; cookie: string; code: string }>;
  lockedStaffId: number;
  setupTargetId: number;
  /** A staff member with an open setup link, its real token and the same selector with a wrong verifier. */
  pendingSetup: { staffUserId: number; token: string; forgedToken: string };
  devMessageId: number;
  childId: number;
  resetLinkId: number;
  spareStaffId: number;
  /** Has recovery codes: a site admin's "Reset two-step sign-in" removes them. */
  mfaTargetId: number;
  csrfTargetId: number;
  staffDomain: string;
  /** The e-mail of the staff member each staff role signs in as. */
  staffEmails: Record<"helpDesk" | "siteAdmin", string>;
  passphraseMinLength: number;
  settings: Record<string, unknown>;
  /** A finished dry run (with summary and report) whose package file exists, for Apply and the run routes. */
  rosterDryRunId: number;
  /** A confidential connected app (issue 12): never rotated, enabled. */
  appId: number;
}
type Args = (fixtures: Fixtures, role: Role) => unknown[] | Promise<unknown[]>;
/** Whether the change an "ok" call makes is in the database: false until the first "ok", so refusals changed nothing. */
type Effect = (fixtures: Fixtures) => Promise<boolean>;
/** The Cookie header a role's call carries, where a row needs its own session (default: the role's shared one). */
type CookieOf = (fixtures: Fixtures, role: Role) => string;

/** Every server action: its arguments (valid where "ok" is expected, and harmless) and the answer per role. */
const ACTIONS: Record<string, { args: Args; expect: PerRole<Outcome>; effect?: Effect; cookie?: CookieOf }> = {
  setLocaleAction: { args: () => ["en"], expect: everyone("void") },
  signInParentFormAction: { args: (_, role) => [NO_STATE, new FormArgument({ username: `matrix-nobody-${role}`, password: "not a password 1" })], expect: everyone("refused") },
  signInStaffFormAction: { args: (_, role) => [null, new FormArgument({ email: `nobody-${role}@matrix.example.org`, password: "not a passphrase 1" })], expect: everyone("refused") },
  registerParentAction: { args: (_, role) => [{ username: `matrix.${role}`, studentIds: [`MTX-${role}`], firstName: "Nobody", lastName: "Matrix" }], expect: everyone("ok") },
  resendTemporaryPasswordAction: { args: (_, role) => [{ studentId: `MTX-${role}`, firstName: "Nobody", lastName: "Matrix" }], expect: everyone("ok") },
  forgotUsernameAction: { args: (_, role) => [{ email: `matrix-${role}@example.com`, emailConfirm: `matrix-${role}@example.com` }], expect: everyone("ok") },
  requestCodeAction: { args: (_, role) => [{ username: `matrix-nobody-${role}` }], expect: everyone("ok") },
  requestCodeFormAction: { args: (_, role) => [NO_STATE, new FormArgument({ username: `matrix-nobody-${role}` })], expect: everyone("redirect") },
  verifyCodeAction: { args: () => [{ code: "123456" }], expect: everyone("conflict") }, // no recovery flow cookie
  verifyCodeFormAction: { args: () => [NO_STATE, new FormArgument({ code: "123456" })], expect: everyone("refused") },
  setPasswordAction: { args: () => [{ password: "matrix new password 7781", passwordConfirm: "matrix new password 7781" }], expect: everyone("conflict") },
  setPasswordFormAction: { args: () => [NO_STATE, new FormArgument({ password: "matrix new password 7781", passwordConfirm: "matrix new password 7781" })], expect: everyone("refused") },
  // Without the signed "verified" recovery cookie (a valid security code) nothing unlocks.
  unlockAccountAction: { args: () => [{}], expect: everyone("conflict") },
  unlockAccountFormAction: { args: () => [NO_STATE, new FormArgument({})], expect: everyone("refused") },
  changePasswordAction: { args: async (f) => [passwordChange(await parentPasswords(f))], expect: parentOnly },
  changePasswordFormAction: { args: async (f) => [NO_STATE, new FormArgument(passwordChange(await parentPasswords(f)))], expect: { anonymous: "refused", parent: "redirect", helpDesk: "refused", siteAdmin: "refused" } },
  createStudentAccountAction: { args: (f) => [{ studentId: f.childId, username: "matrix.kid", password: "matrix kid password 5521", confirmPassword: "matrix kid password 5521" }], expect: parentOnly, effect: async (f) => (await prisma.studentAccount.count({ where: { studentId: f.childId } })) === 1 },
  // Read only: a count of the rows "select all matching" would cover, for site admins.
  countMatchingAction: { args: () => [{ search: { q: "matrix", letter: "all" } }], expect: staffOnly("forbidden") },
  previewResetAction: { args: (f) => [{ selection: { kind: "ids", linkIds: [f.resetLinkId] } }], expect: staffOnly("ok") },
  resetParentsAction: { args: (f) => [{ selection: { kind: "ids", linkIds: [f.resetLinkId] }, includeOtherRows: false, verification: { methods: ["Called back the phone number on record"] } }], expect: staffOnly("ok"), effect: async () => (await prisma.parentAccount.findUniqueOrThrow({ where: { usernameKey: "matrix.reset" } })).status === "RESET" },
  // A follow-up id that does not exist: "ok" with nothing sent, so the call changes nothing.
  resendResetNoticesAction: { args: () => [{ ids: [2_000_000_000] }], expect: staffOnly("ok") },
  updateDistrictSettingsAction: { args: (f) => [f.settings], expect: staffOnly("forbidden") },
  // No passphrase: the new member gets a setup link by mail and chooses one.
  createStaffUserAction: { args: (f) => [{ email: `matrix.created@${f.staffDomain}`, name: "Matrix Created", role: "HELP_DESK" }], expect: staffOnly("forbidden"), effect: async (f) => (await prisma.staffUser.count({ where: { email: `matrix.created@${f.staffDomain}`, setupLinks: { some: { usedAt: null } } } })) === 1 },
  changeStaffUserRoleAction: { args: (f) => [{ staffUserId: f.spareStaffId, role: "SITE_ADMIN" }], expect: staffOnly("forbidden"), effect: async (f) => (await spareStaff(f)).role === "SITE_ADMIN" },
  setStaffUserDisabledAction: { args: (f) => [{ staffUserId: f.spareStaffId, disabled: true }], expect: staffOnly("forbidden"), effect: async (f) => (await spareStaff(f)).disabled },
  clearStaffSignInLockAction: { args: (f) => [{ staffUserId: f.lockedStaffId }], expect: staffOnly("forbidden"), effect: async (f) => {
    const locked = await prisma.staffUser.findUniqueOrThrow({ where: { id: f.lockedStaffId } });
    return locked.lockedUntil === null && locked.failedAttempts === 0;
  } },
  sendStaffSetupLinkAction: { args: (f) => [{ staffUserId: f.setupTargetId }], expect: staffOnly("forbidden"), effect: async (f) => (await prisma.staffSetupLink.count({ where: { staffUserId: f.setupTargetId, usedAt: null } })) === 1 },
  // Any staff member, for their own account only: each staff role signs in as its own fixture.
  changeOwnPassphraseAction: {
    args: (f, role) => [
      null,
      new FormArgument({
        currentPassphrase: CHANGER_PASSPHRASES[0],
        newPassphrase: CHANGER_PASSPHRASES[1],
        confirmPassphrase: CHANGER_PASSPHRASES[1],
        // Issue 9, item 4: a code sent to the alternate e-mail (issued in beforeAll).
        verificationMethod: "email",
        verificationCode: role === "helpDesk" || role === "siteAdmin" ? f.passphraseChangers[role].code : "123456",
      }),
    ],
    cookie: (f, role) => (role === "helpDesk" || role === "siteAdmin" ? f.passphraseChangers[role].cookie : cookies[role]),
    expect: { anonymous: "unauthorized", parent: "unauthorized", helpDesk: "ok", siteAdmin: "ok" },
    effect: async (f) => verifySecret((await prisma.staffUser.findUniqueOrThrow({ where: { id: f.passphraseChangers.helpDesk.id } })).passwordHash, CHANGER_PASSPHRASES[1]),
  },
  // Public: the setup link's token is the proof. A wrong verifier is refused whoever calls
  // (the right token is tested below), and the account keeps having no passphrase.
  setStaffPassphraseAction: { args: (f) => [{ token: f.pendingSetup.forgedToken, passphrase: CHOSEN_PASSPHRASE, confirmation: CHOSEN_PASSPHRASE }], expect: everyone("invalid"), effect: (f) => pendingSetupUsed(f) },
  // Site admins only; an "ok" queues an apply of the dry run's package (the worker then runs it).
  applyRosterImportAction: {
    args: (f) => [{ importId: f.rosterDryRunId, confirmRemovals: false }],
    expect: staffOnly("forbidden"),
    effect: async (f) => (await prisma.rosterImport.count({ where: { dryRun: false, fileName: `matrix-dry-run-${f.rosterDryRunId}.zip` } })) === 1,
  },
  // Security info (issue 9, item 2): any signed-in staff member, for their own account; the
  // matrix staff signed in moments ago, so their passphrase counts as recently confirmed.
  reauthenticateAction: { args: () => [{ passphrase: MATRIX_STAFF_PASSPHRASE }], expect: staffOnly("ok") },
  sendPhoneCodeAction: { args: () => [{ phone: MATRIX_PHONE }], expect: staffOnly("ok"), effect: async () => (await prisma.smsOutbox.count({ where: { toNumber: MATRIX_PHONE } })) > 0 },
  sendAlternateEmailCodeAction: { args: () => [{ email: MATRIX_ALT_EMAIL }], expect: staffOnly("ok"), effect: async () => (await prisma.emailOutbox.count({ where: { toAddress: MATRIX_ALT_EMAIL } })) > 0 },
  // A wrong code (the right one went to the outbox): refused for staff, nothing registered.
  confirmSecurityInfoCodeAction: { args: () => [{ method: "phone", code: "000000" }], expect: { anonymous: "unauthorized", parent: "unauthorized", helpDesk: "invalid", siteAdmin: "invalid" }, effect: async () => (await prisma.staffSecurityInfo.count({ where: { phoneE164: MATRIX_PHONE } })) > 0 },
  saveSecurityQuestionsAction: { args: () => [MATRIX_QUESTIONS], expect: staffOnly("ok"), effect: async () => (await prisma.staffSecurityAnswer.count()) > 0 },
  reconfirmSecurityInfoAction: { args: () => [{}], expect: staffOnly("ok") },
  // After saveSecurityQuestionsAction (rows run in order): the questions are a third method, so removing them is allowed.
  removeSecurityMethodAction: { args: () => [{ method: "questions" }], expect: staffOnly("ok") },
  // "Get back into your account" (public). Without a solved CAPTCHA nothing is looked up; without the flow cookie no step runs.
  startRecoveryAction: { args: (_, role) => [{ userId: `matrix-nobody-${role}@example.org`, reason: "forgot", altcha: "" }], expect: everyone("invalid") },
  sendRecoveryCodeAction: { args: () => [{ method: "email" }], expect: everyone("conflict") },
  checkRecoveryStepAction: { args: () => [{ method: "totp", code: "123456" }], expect: everyone("conflict") },
  setRecoveredPassphraseAction: { args: () => [{ newPassphrase: CHOSEN_PASSPHRASE, confirmation: CHOSEN_PASSPHRASE }], expect: everyone("conflict") },
  checkRecoveryCodeFormAction: { args: () => [NO_STATE, new FormArgument({ method: "totp", code: "123456" })], expect: everyone("refused") },
  setRecoveredPassphraseFormAction: { args: () => [NO_STATE, new FormArgument({ newPassphrase: CHOSEN_PASSPHRASE, confirmation: CHOSEN_PASSPHRASE })], expect: everyone("refused") },
  // Any staff member, to their own registered alternate e-mail.
  sendPassphraseChangeCodeAction: { args: () => [{ method: "email" }], expect: staffOnly("ok") },
  // Site admins, on another staff member's recovery set-up.
  requireReregistrationAction: { args: (f) => [{ staffUserId: f.spareStaffId }], expect: staffOnly("forbidden"), effect: async (f) => (await prisma.staffSecurityInfo.findUniqueOrThrow({ where: { staffUserId: f.spareStaffId } })).reregistrationRequiredAt !== null },
  removeStaffMethodAction: { args: (f) => [{ staffUserId: f.spareStaffId, method: "phone" }], expect: staffOnly("forbidden"), effect: async (f) => (await prisma.staffSecurityInfo.findUniqueOrThrow({ where: { staffUserId: f.spareStaffId } })).phoneE164 === null },
  clearSelfServiceBlockAction: { args: (f) => [{ staffUserId: f.lockedStaffId }], expect: staffOnly("forbidden"), effect: async (f) => (await prisma.staffUser.findUniqueOrThrow({ where: { id: f.lockedStaffId } })).selfServiceBlockedUntil === null },
  resetSecondFactorAction: { args: (f) => [{ staffUserId: f.mfaTargetId }], expect: staffOnly("forbidden"), effect: async (f) => (await prisma.staffRecoveryCode.count({ where: { staffUserId: f.mfaTargetId } })) === 0 },
  // Console sign-in second step: without a sign-in ticket (no passphrase step) it sends everyone back to sign in.
  secondStepFormAction: { args: () => [null, new FormArgument({ kind: "totp", code: "123456" })], expect: everyone("redirect") },
  // Setup step "enrol-second-factor": the matrix's staff already have an authenticator.
  sendEnrolmentCodeAction: { args: () => [{}], expect: { anonymous: "unauthorized", parent: "unauthorized", helpDesk: "conflict", siteAdmin: "conflict" } },
  unlockEnrolmentAction: { args: () => [{ code: "123456" }], expect: { anonymous: "unauthorized", parent: "unauthorized", helpDesk: "conflict", siteAdmin: "conflict" } },
  confirmAuthenticatorAction: { args: () => [{ code: "123456" }], expect: { anonymous: "unauthorized", parent: "unauthorized", helpDesk: "invalid", siteAdmin: "invalid" } },
  // Site admins make a one-time enrolment code for someone else.
  issueEnrolmentCodeAction: {
    args: (f) => [{ staffUserId: f.setupTargetId }],
    expect: staffOnly("forbidden"),
    effect: async (f) => (await prisma.staffVerificationCode.count({ where: { staffUserId: f.setupTargetId, purpose: "enrol-authenticator" } })) === 1,
  },
  // Own second factors, each behind a fresh second factor (a recovery code of the caller's own).
  regenerateRecoveryCodesAction: { args: async (f, role) => [await stepUpFor(f, role)], expect: staffOnly("ok") },
  beginPasskeyRegistrationAction: { args: async (f, role) => [await stepUpFor(f, role)], expect: staffOnly("ok") },
  finishPasskeyRegistrationAction: { args: () => [{ name: "Matrix key", response: "{}" }], expect: { anonymous: "unauthorized", parent: "unauthorized", helpDesk: "invalid", siteAdmin: "invalid" } },
  removePasskeyAction: { args: async (f, role) => [{ ...(await stepUpFor(f, role)), passkeyId: 999_999 }], expect: staffOnly("ok") },
  // Connected apps (issue 12, item 7): site admins only.
  registerConnectedAppAction: {
    args: () => [{ ...MATRIX_APP_FIELDS, name: "Matrix Registered App", clientType: "public" }],
    expect: staffOnly("forbidden"),
    effect: async () => (await prisma.oidcClient.count({ where: { name: "Matrix Registered App" } })) === 1,
  },
  updateConnectedAppAction: {
    args: (f) => [{ ...MATRIX_APP_FIELDS, id: f.appId, name: "Matrix Renamed App" }],
    expect: staffOnly("forbidden"),
    effect: async (f) => (await prisma.oidcClient.findUniqueOrThrow({ where: { id: f.appId } })).name === "Matrix Renamed App",
  },
  rotateClientSecretAction: { args: (f) => [{ id: f.appId }], expect: staffOnly("forbidden"), effect: async (f) => (await prisma.oidcClient.findUniqueOrThrow({ where: { id: f.appId } })).secretRotatedAt !== null },
  setConnectedAppDisabledAction: { args: (f) => [{ id: f.appId, disabled: true }], expect: staffOnly("forbidden"), effect: async (f) => (await prisma.oidcClient.findUniqueOrThrow({ where: { id: f.appId } })).disabledAt !== null },
  setStaffPassphraseFormAction: { args: (f) => [NO_STATE, new FormArgument({ token: f.pendingSetup.forgedToken, passphrase: CHOSEN_PASSPHRASE, confirmation: CHOSEN_PASSPHRASE })], expect: everyone("refused"), effect: (f) => pendingSetupUsed(f) },
};

/** A small OneRoster-looking zip: the upload route checks the zip signature, the worker the rest. */
const MATRIX_ZIP = buildZip([{ name: "manifest.csv", data: "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.2\r\n" }]);

/** Every route handler: one request and the HTTP status per role. */
const ROUTES: Record<
  string,
  { method: "GET" | "POST"; path: string | ((fixtures: Fixtures) => string); body?: () => Blob; headers?: Record<string, string>; expect: PerRole<number> }
> = {
  "/api/auth/[...nextauth]": { method: "GET", path: "/api/auth/session", expect: everyone(200) },
  // Public: the CAPTCHA challenge of "Get back into your account".
  "/api/console/captcha": { method: "GET", path: "/api/console/captcha", expect: everyone(200) },
  "/api/console/parents": { method: "GET", path: "/api/console/parents?q=matrix", expect: { anonymous: 401, parent: 401, helpDesk: 200, siteAdmin: 200 } },
  "/api/console/audit/export": { method: "GET", path: "/api/console/audit/export", expect: { anonymous: 401, parent: 401, helpDesk: 403, siteAdmin: 200 } },
  "/api/console/pending/export": { method: "GET", path: "/api/console/pending/export", expect: { anonymous: 401, parent: 401, helpDesk: 200, siteAdmin: 200 } },
  // The e2e server runs in demo mode; even there only a site admin reads captured mail (the others get the same 404).
  "/api/console/dev-inbox/[id]": { method: "GET", path: (f) => `/api/console/dev-inbox/${f.devMessageId}`, expect: { anonymous: 404, parent: 404, helpDesk: 404, siteAdmin: 200 } },
  // Site admins only; an upload from our own origin is queued as a dry run (202).
  "/api/console/roster/upload": {
    method: "POST",
    path: "/api/console/roster/upload?name=matrix.zip",
    body: () => new Blob([new Uint8Array(MATRIX_ZIP)]),
    headers: { "Content-Type": "application/zip", Origin: new URL(baseUrl).origin },
    expect: { anonymous: 401, parent: 401, helpDesk: 403, siteAdmin: 202 },
  },
  "/api/console/roster/runs/[id]": { method: "GET", path: (f) => `/api/console/roster/runs/${f.rosterDryRunId}`, expect: { anonymous: 401, parent: 401, helpDesk: 403, siteAdmin: 200 } },
  "/api/console/roster/runs/[id]/report": { method: "GET", path: (f) => `/api/console/roster/runs/${f.rosterDryRunId}/report`, expect: { anonymous: 401, parent: 401, helpDesk: 403, siteAdmin: 200 } },
  "/api/console/roster/example": { method: "GET", path: "/api/console/roster/example", expect: { anonymous: 401, parent: 401, helpDesk: 403, siteAdmin: 200 } },
  // Public, for load balancers: liveness (no database) and readiness (observability.test.ts checks the answers).
  "/api/health": { method: "GET", path: "/api/health", expect: everyone(200) },
  "/api/ready": { method: "GET", path: "/api/ready", expect: everyone(200) },
  // Only the METRICS_TOKEN bearer (observability.test.ts); no session opens it, and it answers like an unknown path.
  "/api/metrics": { method: "GET", path: "/api/metrics", expect: everyone(404) },
  // The demo lunch app (issue 12, item 8; the e2e server runs in demo mode, elsewhere 404):
  // an app of its own, open to anyone as any app's sign-in is. Start: off to the provider.
  "/demo-apps/lunch/login": { method: "GET", path: "/demo-apps/lunch/login", expect: everyone(303) },
  // No sign-in in progress (no cookie of the demo app): back to its page with an error.
  "/demo-apps/lunch/callback": { method: "GET", path: "/demo-apps/lunch/callback?code=x&state=y", expect: everyone(303) },
  // No session of the demo app: back to its page.
  "/demo-apps/lunch/logout": { method: "GET", path: "/demo-apps/lunch/logout", expect: everyone(303) },
  // Only a logout token signed by the provider ends a session; anything else is a 400.
  "/demo-apps/lunch/backchannel-logout": {
    method: "POST",
    path: "/demo-apps/lunch/backchannel-logout",
    body: () => new Blob(["logout_token=not.a.token"]),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    expect: everyone(400),
  },
};

/**
 * The OpenID Provider's routes (lib/oidc/mount.ts), answered by the portal server outside
 * Next.js: each endpoint discovery lists, the root discovery, and the interaction steps (with
 * an interaction that does not exist). None of them reads a portal session except the
 * interaction step, and only for an interaction the browser's own cookie names.
 */
const OIDC_UID = "matrixNoSuchInteraction01";
const OIDC_ROUTES: Record<string, { method: "GET" | "POST"; path: string; form?: Record<string, string>; expect: number }> = {
  "root discovery": { method: "GET", path: "/.well-known/openid-configuration", expect: 200 },
  "discovery": { method: "GET", path: "/oidc/.well-known/openid-configuration", expect: 200 },
  "jwks_uri": { method: "GET", path: "/oidc/jwks", expect: 200 },
  // No client_id: an error page, never a redirect.
  "authorization_endpoint": { method: "GET", path: "/oidc/auth", expect: 400 },
  // A resume without the interaction's cookie.
  "authorization resume": { method: "GET", path: `/oidc/auth/${OIDC_UID}`, expect: 400 },
  "token_endpoint": { method: "POST", path: "/oidc/token", form: { grant_type: "authorization_code", code: "x", client_id: "no-such-app" }, expect: 401 },
  "userinfo_endpoint": { method: "GET", path: "/oidc/me", expect: 401 },
  "revocation_endpoint": { method: "POST", path: "/oidc/token/revocation", form: { token: "x", client_id: "no-such-app" }, expect: 401 },
  // The "Sign out?" page: signing out needs its form's token (xsrf), checked on the confirm post.
  "end_session_endpoint": { method: "GET", path: "/oidc/session/end", expect: 200 },
  "end session confirm": { method: "POST", path: "/oidc/session/end/confirm", form: { logout: "yes" }, expect: 400 },
  "end session success": { method: "GET", path: "/oidc/session/end/success", expect: 200 },
  // Unknown to the provider (dynamic registration is off).
  "registration": { method: "POST", path: "/oidc/reg", form: {}, expect: 404 },
  // An interaction this browser has no cookie for: "start again" (the portal page).
  "interaction step": { method: "GET", path: `/oidc/interaction/${OIDC_UID}`, expect: 303 },
  "interaction student login": { method: "POST", path: `/oidc/interaction/${OIDC_UID}/student-login`, form: { username: "matrix", password: "matrix" }, expect: 303 },
  "interaction consent": { method: "POST", path: `/oidc/interaction/${OIDC_UID}/consent`, form: { decision: "allow" }, expect: 303 },
};

type InteractionStep = "show" | "student-login" | "consent";
const INTERACTION_STEPS: InteractionStep[] = ["show", "student-login", "consent"];
/** A public app of this test's own (the ACTIONS rows disable "matrix-app"). */
const INTERACTION_APP = { clientId: "matrix-interaction-app", redirectUri: "https://matrix-interaction.example.org/callback" };

/** Opens the app's sign-in in `browser` (as the app's link would) and returns the interaction's uid. */
async function startInteraction(browser: OidcBrowser): Promise<string> {
  const verifier = `matrix-verifier-${"v".repeat(40)}`;
  const query = new URLSearchParams({
    client_id: INTERACTION_APP.clientId,
    response_type: "code",
    scope: "openid profile",
    redirect_uri: INTERACTION_APP.redirectUri,
    state: "matrix-state",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  const login = await browser.follow(`/oidc/auth?${query}`);
  expect(login.url.pathname).toBe("/sign-in");
  return login.url.searchParams.get("app")!;
}

const INTERACTION_FORMS: Record<InteractionStep, Record<string, string> | undefined> = {
  show: undefined,
  "student-login": { username: "matrix.nobody", password: "not a password 1" },
  consent: { decision: "allow" },
};

/** One step of interaction `uid` posted (or opened) with `cookie`, as "status location". */
async function interactionStep(uid: string, step: InteractionStep, cookie: string): Promise<string> {
  const form = INTERACTION_FORMS[step];
  const headers: Record<string, string> = { Origin: new URL(baseUrl).origin };
  if (cookie) headers.Cookie = cookie;
  if (form) headers["Content-Type"] = "application/x-www-form-urlencoded";
  const path = step === "show" ? `/oidc/interaction/${uid}` : `/oidc/interaction/${uid}/${step}`;
  const response = await fetch(new URL(path, baseUrl), { method: form ? "POST" : "GET", redirect: "manual", headers, body: form ? new URLSearchParams(form) : undefined });
  await response.arrayBuffer();
  return `${response.status} ${response.headers.get("location") ?? ""}`.trim();
}

const joinCookies = (...headers: string[]) => headers.filter(Boolean).join("; ");

/** A fresh recovery code of the role's own staff member (anyone else gets a made-up one). */
async function stepUpFor(f: Fixtures, role: Role): Promise<{ kind: "recovery"; code: string }> {
  const email = role === "helpDesk" || role === "siteAdmin" ? f.staffEmails[role] : null;
  return email ? recoveryCodeFor(email) : { kind: "recovery", code: "AAAA-BBBB-CCCC-DDDD" };
}

const built = builtServerActions();
/** The first argument React passes to a form's server action (useActionState's previous state). */
const NO_STATE = { fieldErrors: {}, message: null };
/** The parent's password takes turns between these two, so each change-password row has a valid current one. */
const PARENT_PASSWORDS = ["matrix parent password 6610", "matrix changed password 3390"] as const;
async function parentPasswords(f: Fixtures): Promise<[current: string, next: string]> {
  const hash = (await parentAccount(f)).passwordHash!;
  return (await verifySecret(hash, PARENT_PASSWORDS[0])) ? [PARENT_PASSWORDS[0], PARENT_PASSWORDS[1]] : [PARENT_PASSWORDS[1], PARENT_PASSWORDS[0]];
}
const passwordChange = ([current, next]: [string, string]) => ({ currentPassword: current, newPassword: next, confirmPassword: next });
/** The passphrase-changer fixtures' passphrase before and after their "ok" call. */
const CHANGER_PASSPHRASES = ["matrix changer passphrase before the call", "matrix changer passphrase after the call"] as const;
const CHOSEN_PASSPHRASE = "matrix chosen passphrase through a setup link";
const MATRIX_STAFF_PASSPHRASE = "matrix staff passphrase for every role";
const MATRIX_PHONE = "+15035550177";
/** A connected app's form fields, valid as the console sends them (URIs one a line). */
const MATRIX_APP_FIELDS = {
  name: "Matrix Existing App",
  redirectUris: "https://matrix-app.example.org/callback",
  postLogoutRedirectUris: "",
  backchannelLogoutUri: "",
  firstParty: false,
  scopes: ["openid", "profile"],
  identifierClaim: "sub",
};
const MATRIX_ALT_EMAIL = "matrix.alternate@personal.example.com";
const MATRIX_QUESTIONS = {
  questions: [
    { key: "first-pet-name", answer: "Matrix Pet" },
    { key: "childhood-street", answer: "Matrix Street" },
    { key: "favorite-teacher", answer: "Matrix Teacher" },
  ],
};
const pendingSetupUsed = async (f: Fixtures) => (await prisma.staffUser.findUniqueOrThrow({ where: { id: f.pendingSetup.staffUserId } })).passwordHash !== null;
const parentAccount = (f: Fixtures) => prisma.parentAccount.findUniqueOrThrow({ where: { id: f.parentAccountId } });
const spareStaff = (f: Fixtures) => prisma.staffUser.findUniqueOrThrow({ where: { id: f.spareStaffId } });
const cookies: PerRole<string> = everyone("");
let fixtures: Fixtures;

function outcomeOf(answer: ActionAnswer): string {
  if (answer.kind === "redirect") return "redirect";
  if (answer.kind === "http") return `HTTP ${answer.status}: ${answer.text}`;
  const value = answer.value as { ok?: unknown; code?: unknown; error?: unknown } | undefined;
  if (value === undefined) return "void";
  if (typeof value.ok === "boolean") return value.ok ? "ok" : String(value.code);
  // A form's own state after a no-script post: an error message (sign-in forms: `error`), or
  // only field errors when the message would repeat them (the security code's format).
  const posted = value as { message?: { tone?: unknown }; fieldErrors?: Record<string, unknown> };
  if (typeof value.error === "string" || posted.message?.tone === "error") return "refused";
  if (posted.fieldErrors && Object.keys(posted.fieldErrors).length > 0) return "refused";
  return `unexpected: ${JSON.stringify(value).slice(0, 200)}`;
}

/** Names exported by files that start with "use server" under app/ and lib/ (what the build may expose). */
function serverActionExportsInSource(): string[] {
  const names: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(full);
      } else if (/\.tsx?$/.test(entry.name)) {
        const text = readFileSync(full, "utf8");
        if (!/^\s*(\/\/[^\n]*\n\s*)*["']use server["']/.test(text)) continue;
        for (const match of text.matchAll(/^export\s+(?:const|let|async\s+function|function)\s+(\w+)/gm)) names.push(match[1]!);
      }
    }
  };
  walk("app");
  walk("lib");
  return names;
}

beforeAll(async () => {
  const school = await createSchool(prisma, "Matrix Elementary");
  const parentPassword = PARENT_PASSWORDS[0];
  const parent = await createParentWithChild(prisma, school.id, {
    firstName: "Maya",
    lastName: "Matrix",
    account: { username: "matrix.parent", passwordHash: await hashSecret(parentPassword) },
  });
  // A separate family for the resets, so the signed-in parent keeps their login.
  const resetTarget = await createParentWithChild(prisma, school.id, { firstName: "Rex", lastName: "Resettable", account: { username: "matrix.reset" } });
  const settings = await getDistrictSettings();
  const staffDomain = settings.staffEmailDomains[0] ?? "matrix.example.org";
  const staff = { helpDesk: `matrix.desk@${staffDomain}`, siteAdmin: `matrix.admin@${staffDomain}` };
  const staffPassphrase = MATRIX_STAFF_PASSPHRASE;
  await prisma.staffUser.create({ data: { email: staff.helpDesk, name: "Matrix Desk", role: "HELP_DESK", passwordHash: await hashSecret(staffPassphrase), securityInfo: { create: registeredSecurityInfo() } } });
  await prisma.staffUser.create({ data: { email: staff.siteAdmin, name: "Matrix Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(staffPassphrase), securityInfo: { create: registeredSecurityInfo() } } });
  const spare = await prisma.staffUser.create({ data: { email: `matrix.spare@${staffDomain}`, name: "Matrix Spare", role: "HELP_DESK", passwordHash: "x", securityInfo: { create: registeredSecurityInfo() } } });
  const changers = { helpDesk: `matrix.changer.desk@${staffDomain}`, siteAdmin: `matrix.changer.admin@${staffDomain}` };
  const changerIds = {
    helpDesk: (await prisma.staffUser.create({ data: { email: changers.helpDesk, name: "Matrix Changer Desk", role: "HELP_DESK", passwordHash: await hashSecret(CHANGER_PASSPHRASES[0]), securityInfo: { create: registeredSecurityInfo() } } })).id,
    siteAdmin: (await prisma.staffUser.create({ data: { email: changers.siteAdmin, name: "Matrix Changer Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(CHANGER_PASSPHRASES[0]), securityInfo: { create: registeredSecurityInfo() } } })).id,
  };
  const locked = await prisma.staffUser.create({
    data: { email: `matrix.locked@${staffDomain}`, name: "Matrix Locked", role: "HELP_DESK", passwordHash: "x", selfServiceBlockedUntil: new Date(Date.now() + 60 * 60 * 1000), failedAttempts: 100, failureWindowStartedAt: new Date(), lockedUntil: new Date(Date.now() + 60 * 60 * 1000), securityInfo: { create: registeredSecurityInfo() } },
  });
  const setupTarget = await prisma.staffUser.create({ data: { email: `matrix.setup-target@${staffDomain}`, name: "Matrix Setup Target", role: "HELP_DESK", passwordHash: "x", securityInfo: { create: registeredSecurityInfo() } } });
  const pending = await prisma.staffUser.create({ data: { email: `matrix.pending@${staffDomain}`, name: "Matrix Pending", role: "HELP_DESK", passwordHash: null, securityInfo: { create: registeredSecurityInfo() } } });
  const link = await prisma.$transaction((tx) => issueStaffSetupLink(tx, pending.id, "RESET"));
  const devMessage = await prisma.devMailMessage.create({
    data: { fromAddress: "portal@example.org", toAddress: "matrix.parent@example.com", subject: "Matrix captured mail", textBody: "Hello", htmlBody: "<p>Hello</p>" },
  });
  fixtures = {
    parentAccountId: parent.account!.id,
    passphraseChangers: {
      helpDesk: await passphraseChanger(changerIds.helpDesk, await signInOverHttp(baseUrl, "staff", { email: changers.helpDesk, password: CHANGER_PASSPHRASES[0] }, await recoveryCodeFor(changers.helpDesk))),
      siteAdmin: await passphraseChanger(changerIds.siteAdmin, await signInOverHttp(baseUrl, "staff", { email: changers.siteAdmin, password: CHANGER_PASSPHRASES[0] }, await recoveryCodeFor(changers.siteAdmin))),
    },
    lockedStaffId: locked.id,
    setupTargetId: setupTarget.id,
    // Same selector (the row is found), another verifier: only the verifier check refuses it.
    pendingSetup: { staffUserId: pending.id, token: link.token, forgedToken: `${link.token.split(".")[0]}.${"A".repeat(43)}` },
    devMessageId: devMessage.id,
    childId: parent.student.id,
    resetLinkId: resetTarget.link.id,
    spareStaffId: spare.id,
    mfaTargetId: await mfaTarget(staffDomain),
    csrfTargetId: (await prisma.staffUser.create({ data: { email: `matrix.csrf@${staffDomain}`, name: "Matrix Csrf", role: "HELP_DESK", passwordHash: "x", securityInfo: { create: registeredSecurityInfo() } } })).id,
    staffDomain,
    staffEmails: staff,
    rosterDryRunId: await createFinishedDryRun(),
    appId: (
      await prisma.oidcClient.create({
        data: { clientId: "matrix-app", name: MATRIX_APP_FIELDS.name, secretHash: "0".repeat(64), redirectUris: [MATRIX_APP_FIELDS.redirectUris], postLogoutRedirectUris: [], scopes: MATRIX_APP_FIELDS.scopes },
      })
    ).id,
    passphraseMinLength: settings.staffPassphraseMinLength,
    // The saved values, as the settings form sends them (text; domains one per line): saving changes nothing.
    settings: Object.fromEntries(
      DISTRICT_SETTINGS_FIELDS.map((field) => {
        const value: unknown = settings[field as keyof typeof settings];
        // On/off settings are a select ("on" / "off") in the form.
        return [field, Array.isArray(value) ? value.join("\n") : typeof value === "boolean" ? (value ? "on" : "off") : String(value)];
      }),
    ),
  };
  cookies.parent = await signInOverHttp(baseUrl, "parent", { username: "matrix.parent", password: parentPassword });
  cookies.helpDesk = await signInOverHttp(baseUrl, "staff", { email: staff.helpDesk, password: staffPassphrase }, await recoveryCodeFor(staff.helpDesk));
  cookies.siteAdmin = await signInOverHttp(baseUrl, "staff", { email: staff.siteAdmin, password: staffPassphrase }, await recoveryCodeFor(staff.siteAdmin));
});

/**
 * A signed-in passphrase changer with a live change-passphrase code: the server mails it to
 * their alternate e-mail (its key is not the tests'), read back from the demo receiver.
 */
async function passphraseChanger(staffUserId: number, cookie: string): Promise<{ id: number; cookie: string; code: string }> {
  const info = await prisma.staffSecurityInfo.findUniqueOrThrow({ where: { staffUserId } });
  const send = built.find((action) => action.name === "sendPassphraseChangeCodeAction")!;
  const sent = outcomeOf(await callServerAction(baseUrl, send, [{ method: "email" }], cookie));
  if (sent !== "ok") throw new Error(`sendPassphraseChangeCodeAction answered ${sent}`);
  // (beforeAll: no expect.poll here) The worker delivers within a few of its 200 ms polls.
  let code: string | undefined;
  for (let waited = 0; !code && waited < 20_000; waited += 200) {
    code = (await prisma.devMailMessage.findFirst({ where: { toAddress: { contains: info.altEmail! } }, orderBy: { id: "desc" } }))?.textBody.match(/\b\d{6}\b/)?.[0];
    if (!code) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!code) throw new Error("no change-passphrase code arrived");
  return { id: staffUserId, cookie, code: code! };
}

/** A dry run as the worker leaves it, over a real (tiny) package file the server can reach. */
async function createFinishedDryRun(): Promise<number> {
  const filePath = path.join(mkdtempSync(path.join(tmpdir(), "matrix-roster-")), "package.zip");
  writeFileSync(filePath, MATRIX_ZIP);
  const run = await prisma.rosterImport.create({
    data: { trigger: "CONSOLE", requestedBy: "matrix", fileName: "pending.zip", filePath, fileBytes: MATRIX_ZIP.length, dryRun: true, status: "SUCCEEDED", finishedAt: new Date() },
  });
  const counts = { added: 0, changed: 0, removed: 0, restored: 0, unchanged: 0 };
  const share = { active: 0, removing: 0, percent: 0 };
  return (
    await prisma.rosterImport.update({
      where: { id: run.id },
      data: {
        fileName: `matrix-dry-run-${run.id}.zip`,
        summary: {
          version: "1.2", modes: { orgs: "bulk", users: "bulk", roles: "bulk" }, schools: counts, students: counts, contacts: counts, links: counts,
          rejected: 1, warnings: 0, emailChanges: 0, examples: { added: [], changed: [], removed: [], rejected: [] },
          removalGuard: { limitPercent: 10, students: share, contacts: share, exceeded: false }, durationMs: 10,
        },
        report: { outcome: "read", rowErrors: [{ severity: "error", file: "users.csv", line: 3, column: "identifier", reason: "=HYPERLINK(1)" }], rowErrorCount: 1, warnings: [], warningCount: 0 },
      },
    })
  ).id;
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe("HTTP authorization matrix", () => {
  it("lists every server action and route handler of the build, and nothing else", () => {
    const names = built.map((action) => action.name);
    expect(new Set(names).size, "two server actions share a name").toBe(names.length);
    expect(names.filter((name) => !(name in ACTIONS)), "server actions missing from ACTIONS").toEqual([]);
    expect(Object.keys(ACTIONS).filter((name) => !names.includes(name)), "ACTIONS rows for actions the build lacks").toEqual([]);
    expect(serverActionExportsInSource().filter((name) => !(name in ACTIONS)), "'use server' exports missing from ACTIONS").toEqual([]);
    const routes = builtRouteHandlers();
    expect(routes.filter((route) => !(route in ROUTES)), "route handlers missing from ROUTES").toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !routes.includes(route)), "ROUTES rows for routes the build lacks").toEqual([]);
  });

  it.each(Object.keys(ACTIONS))("server action %s answers each role as listed", async (name) => {
    const row = ACTIONS[name]!;
    const action = built.find((candidate) => candidate.name === name) as BuiltAction;
    expect(action, `${name} is not in the build`).toBeDefined();
    const answers: Partial<PerRole<string>> = {};
    let changed = false;
    for (const role of ROLES) {
      answers[role] = outcomeOf(await callServerAction(baseUrl, action, await row.args(fixtures, role), row.cookie?.(fixtures, role) ?? cookies[role]));
      changed ||= answers[role] === "ok";
      if (row.effect) expect(await row.effect(fixtures), `${name}: database change after the ${role} call`).toBe(changed);
    }
    expect(answers).toEqual(row.expect);
  });

  // Hand-made requests with a malformed argument: refused in the action's own words, never a crash.
  it.each(Object.keys(ACTIONS))("server action %s refuses a malformed argument from every role", async (name) => {
    const action = built.find((candidate) => candidate.name === name) as BuiltAction;
    for (const role of ROLES) {
      for (const args of [[12345], [{ unexpected: "field" }], []]) {
        const outcome = outcomeOf(await callServerAction(baseUrl, action, args, cookies[role]));
        expect(["invalid", "unauthorized", "forbidden", "conflict", "refused", "void"], `${name} as ${role} with ${JSON.stringify(args)}`).toContain(outcome);
      }
    }
  });

  it("refuses a server action posted from another site, even with the admin's cookie (CSRF)", async () => {
    const action = built.find((candidate) => candidate.name === "setStaffUserDisabledAction")!;
    const answer = await callServerAction(baseUrl, action, [{ staffUserId: fixtures.csrfTargetId, disabled: true }], cookies.siteAdmin, "https://attacker.example");
    expect(outcomeOf(answer)).toMatch(/^HTTP 5/);
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: fixtures.csrfTargetId } })).disabled).toBe(false);
  });

  it("setStaffPassphraseAction: the setup link's own token sets the passphrase, once, for whoever holds it", async () => {
    const action = built.find((candidate) => candidate.name === "setStaffPassphraseAction")!;
    const input = { token: fixtures.pendingSetup.token, passphrase: CHOSEN_PASSPHRASE, confirmation: CHOSEN_PASSPHRASE };
    expect(outcomeOf(await callServerAction(baseUrl, action, [input], cookies.anonymous))).toBe("ok");
    const staff = await prisma.staffUser.findUniqueOrThrow({ where: { id: fixtures.pendingSetup.staffUserId } });
    expect(await verifySecret(staff.passwordHash, CHOSEN_PASSPHRASE)).toBe(true);
    expect(outcomeOf(await callServerAction(baseUrl, action, [input], cookies.siteAdmin)), "a used link").toBe("invalid");
  });

  it("refuses a roster upload posted from another site, or without an Origin, even with the admin's cookie (CSRF)", async () => {
    const before = await prisma.rosterImport.count();
    for (const origin of ["https://attacker.example", null]) {
      const headers: Record<string, string> = { Cookie: cookies.siteAdmin, "Content-Type": "application/zip" };
      if (origin) headers.Origin = origin;
      const response = await fetch(new URL("/api/console/roster/upload?name=csrf.zip", baseUrl), { method: "POST", headers, body: new Blob([new Uint8Array(MATRIX_ZIP)]) });
      expect(response.status, `Origin ${origin}`).toBe(403);
      await response.arrayBuffer();
    }
    expect(await prisma.rosterImport.count()).toBe(before);
  });

  it("lists every endpoint the OpenID Provider's discovery publishes", async () => {
    const discovery = (await (await fetch(new URL("/oidc/.well-known/openid-configuration", baseUrl))).json()) as Record<string, unknown>;
    const published = Object.entries(discovery).filter(([key, value]) => (key.endsWith("_endpoint") || key === "jwks_uri") && typeof value === "string");
    expect(published.map(([key]) => key).filter((key) => !(key in OIDC_ROUTES)), "endpoints missing from OIDC_ROUTES").toEqual([]);
    for (const [key, value] of published) expect(new URL(value as string).pathname, key).toBe(OIDC_ROUTES[key]!.path);
  });

  it.each(Object.keys(OIDC_ROUTES))("OpenID Provider route %s answers each role alike", async (route) => {
    const row = OIDC_ROUTES[route]!;
    const statuses: Partial<PerRole<number>> = {};
    for (const role of ROLES) {
      const headers: Record<string, string> = { Origin: new URL(baseUrl).origin, ...(cookies[role] ? { Cookie: cookies[role] } : {}) };
      if (row.form) headers["Content-Type"] = "application/x-www-form-urlencoded";
      const response = await fetch(new URL(row.path, baseUrl), { method: row.method, redirect: "manual", headers, body: row.form ? new URLSearchParams(row.form) : undefined });
      await response.arrayBuffer();
      statuses[role] = response.status;
    }
    expect(statuses).toEqual(everyone(row.expect));
  });

  it("refuses the interaction steps' posts from another site or without an Origin (CSRF)", async () => {
    for (const origin of ["https://attacker.example", null]) {
      for (const step of ["student-login", "consent"]) {
        const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
        if (origin) headers.Origin = origin;
        const response = await fetch(new URL(`/oidc/interaction/${OIDC_UID}/${step}`, baseUrl), { method: "POST", redirect: "manual", headers, body: "decision=allow" });
        await response.arrayBuffer();
        expect(response.status, `${step} from ${origin}`).toBe(403);
      }
    }
  });

  it("answers a real interaction's steps only in the browser that started it", async () => {
    await prisma.oidcClient.create({
      data: { clientId: INTERACTION_APP.clientId, name: "Matrix Interaction App", redirectUris: [INTERACTION_APP.redirectUri], postLogoutRedirectUris: [], scopes: ["openid", "profile"] },
    });
    const starter = new OidcBrowser(baseUrl);
    const uid = await startInteraction(starter);
    const other = new OidcBrowser(baseUrl);
    const otherUid = await startInteraction(other);
    const cookieOf = (browser: OidcBrowser, id: string) => browser.cookieHeader(new URL(`/oidc/interaction/${id}`, baseUrl));
    expect(cookieOf(starter, uid)).toContain("_interaction=");

    // Every role's browser, with its own session but not the starter's cookie, and a browser
    // holding the cookie of an interaction of its own (with the parent's session): start again.
    const refused = "303 /app-sign-in-expired";
    for (const step of INTERACTION_STEPS) {
      for (const role of ROLES) expect(await interactionStep(uid, step, cookies[role]), `${step} as ${role}`).toBe(refused);
      expect(await interactionStep(uid, step, joinCookies(cookies.parent, cookieOf(other, otherUid))), `${step} with another interaction's cookie`).toBe(refused);
    }

    // The starter's browser, after all that, goes on: its sign-in page, the student form's
    // answer, consent not yet (back to the step).
    expect(await interactionStep(uid, "show", cookieOf(starter, uid))).toBe(`303 /sign-in?app=${uid}`);
    expect(await interactionStep(uid, "student-login", cookieOf(starter, uid))).toBe(`303 /student-sign-in?app=${uid}&error=invalid`);
    expect(await interactionStep(uid, "consent", cookieOf(starter, uid))).toBe(`303 /oidc/interaction/${uid}`);
    // Signed in to the portal in that browser: the step completes (a page moving on to the app).
    const signedIn = await fetch(new URL(`/oidc/interaction/${uid}`, baseUrl), { redirect: "manual", headers: { Cookie: joinCookies(cookies.parent, cookieOf(starter, uid)) } });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.text()).toContain(`/oidc/auth/${uid}`);
  });

  it.each(Object.keys(ROUTES))("route %s answers each role as listed", async (route) => {
    const row = ROUTES[route]!;
    const statuses: Partial<PerRole<number>> = {};
    for (const role of ROLES) {
      const target = typeof row.path === "function" ? row.path(fixtures) : row.path;
      const headers = { ...row.headers, ...(cookies[role] ? { Cookie: cookies[role] } : {}) };
      const response = await fetch(new URL(target, baseUrl), { method: row.method, redirect: "manual", headers, body: row.body?.() });
      await response.arrayBuffer();
      statuses[role] = response.status;
    }
    expect(statuses).toEqual(row.expect);
  });
});
