// The HTTP authorization matrix: every server action and route handler of the production
// build, called over real HTTP as an anonymous visitor, a signed-in parent, help desk and a
// site admin, and each answer checked. The build is read first: an action or route the
// tables below do not list fails the test, so a new one must get its row (one line).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { builtRouteHandlers, builtServerActions, callServerAction, FormArgument, signInOverHttp, type ActionAnswer, type BuiltAction } from "../helpers/server-action-http";

process.env.DATABASE_URL = inject("e2eDatabaseUrl");
const baseUrl = inject("e2eBaseUrl");

const { prisma } = await import("@/lib/db");
const { hashSecret, verifySecret } = await import("@/lib/security/password-hash");
const { getDistrictSettings } = await import("@/lib/settings/district-settings");
const { DISTRICT_SETTINGS_FIELDS } = await import("@/lib/settings/district-settings-schema");

const ROLES = ["anonymous", "parent", "helpDesk", "siteAdmin"] as const;
type Role = (typeof ROLES)[number];
/** ok / an ActionResult error code; "void" = no return value; "refused" = a form state with an error. */
type Outcome = "ok" | "void" | "refused" | "redirect" | "invalid" | "unauthorized" | "forbidden" | "conflict" | "rate_limited";
type PerRole<T> = Record<Role, T>;

const everyone = <T,>(outcome: T): PerRole<T> => ({ anonymous: outcome, parent: outcome, helpDesk: outcome, siteAdmin: outcome });
const staffOnly = (helpDesk: Outcome): PerRole<Outcome> => ({ anonymous: "unauthorized", parent: "unauthorized", helpDesk, siteAdmin: "ok" });
const parentOnly: PerRole<Outcome> = { anonymous: "unauthorized", parent: "ok", helpDesk: "unauthorized", siteAdmin: "unauthorized" };

interface Fixtures {
  parentAccountId: number;
  childId: number;
  resetLinkId: number;
  spareStaffId: number;
  csrfTargetId: number;
  staffDomain: string;
  passphraseMinLength: number;
  settings: Record<string, unknown>;
}
type Args = (fixtures: Fixtures, role: Role) => unknown[] | Promise<unknown[]>;
/** Whether the change an "ok" call makes is in the database: false until the first "ok", so refusals changed nothing. */
type Effect = (fixtures: Fixtures) => Promise<boolean>;

/** Every server action: its arguments (valid where "ok" is expected, and harmless) and the answer per role. */
const ACTIONS: Record<string, { args: Args; expect: PerRole<Outcome>; effect?: Effect }> = {
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
  changePasswordAction: { args: async (f) => [passwordChange(await parentPasswords(f))], expect: parentOnly },
  changePasswordFormAction: { args: async (f) => [NO_STATE, new FormArgument(passwordChange(await parentPasswords(f)))], expect: { anonymous: "refused", parent: "redirect", helpDesk: "refused", siteAdmin: "refused" } },
  createStudentAccountAction: { args: (f) => [{ studentId: f.childId, username: "matrix.kid", password: "matrix kid password 5521", confirmPassword: "matrix kid password 5521" }], expect: parentOnly, effect: async (f) => (await prisma.studentAccount.count({ where: { studentId: f.childId } })) === 1 },
  previewResetAction: { args: (f) => [{ selection: { kind: "ids", linkIds: [f.resetLinkId] } }], expect: staffOnly("ok") },
  resetParentsAction: { args: (f) => [{ selection: { kind: "ids", linkIds: [f.resetLinkId] }, includeOtherRows: false }], expect: staffOnly("ok"), effect: async () => (await prisma.parentAccount.findUniqueOrThrow({ where: { usernameKey: "matrix.reset" } })).status === "RESET" },
  updateDistrictSettingsAction: { args: (f) => [f.settings], expect: staffOnly("forbidden") },
  createStaffUserAction: { args: (f) => [{ email: `matrix.created@${f.staffDomain}`, name: "Matrix Created", role: "HELP_DESK", passphrase: "matrix created staff passphrase ".padEnd(f.passphraseMinLength, "x") }], expect: staffOnly("forbidden"), effect: async (f) => (await prisma.staffUser.count({ where: { email: `matrix.created@${f.staffDomain}` } })) === 1 },
  changeStaffUserRoleAction: { args: (f) => [{ staffUserId: f.spareStaffId, role: "SITE_ADMIN" }], expect: staffOnly("forbidden"), effect: async (f) => (await spareStaff(f)).role === "SITE_ADMIN" },
  setStaffUserDisabledAction: { args: (f) => [{ staffUserId: f.spareStaffId, disabled: true }], expect: staffOnly("forbidden"), effect: async (f) => (await spareStaff(f)).disabled },
};

/** Every route handler: one request and the HTTP status per role. */
const ROUTES: Record<string, { method: "GET" | "POST"; path: string; expect: PerRole<number> }> = {
  "/api/auth/[...nextauth]": { method: "GET", path: "/api/auth/session", expect: everyone(200) },
  "/api/console/parents": { method: "GET", path: "/api/console/parents?q=matrix", expect: { anonymous: 401, parent: 401, helpDesk: 200, siteAdmin: 200 } },
  "/api/console/audit/export": { method: "GET", path: "/api/console/audit/export", expect: { anonymous: 401, parent: 401, helpDesk: 403, siteAdmin: 200 } },
};

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
  // A form's own state after a no-script post: an error message (sign-in forms: `error`).
  if (typeof value.error === "string" || (value as { message?: { tone?: unknown } }).message?.tone === "error") return "refused";
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
  const staffPassphrase = "matrix staff passphrase for every role";
  await prisma.staffUser.create({ data: { email: staff.helpDesk, name: "Matrix Desk", role: "HELP_DESK", passwordHash: await hashSecret(staffPassphrase) } });
  await prisma.staffUser.create({ data: { email: staff.siteAdmin, name: "Matrix Admin", role: "SITE_ADMIN", passwordHash: await hashSecret(staffPassphrase) } });
  const spare = await prisma.staffUser.create({ data: { email: `matrix.spare@${staffDomain}`, name: "Matrix Spare", role: "HELP_DESK", passwordHash: "x" } });
  fixtures = {
    parentAccountId: parent.account!.id,
    childId: parent.student.id,
    resetLinkId: resetTarget.link.id,
    spareStaffId: spare.id,
    csrfTargetId: (await prisma.staffUser.create({ data: { email: `matrix.csrf@${staffDomain}`, name: "Matrix Csrf", role: "HELP_DESK", passwordHash: "x" } })).id,
    staffDomain,
    passphraseMinLength: settings.staffPassphraseMinLength,
    // The saved values, as the settings form sends them (text; domains one per line): saving changes nothing.
    settings: Object.fromEntries(
      DISTRICT_SETTINGS_FIELDS.map((field) => {
        const value: unknown = settings[field as keyof typeof settings];
        return [field, Array.isArray(value) ? value.join("\n") : String(value)];
      }),
    ),
  };
  cookies.parent = await signInOverHttp(baseUrl, "parent", { username: "matrix.parent", password: parentPassword });
  cookies.helpDesk = await signInOverHttp(baseUrl, "staff", { email: staff.helpDesk, password: staffPassphrase });
  cookies.siteAdmin = await signInOverHttp(baseUrl, "staff", { email: staff.siteAdmin, password: staffPassphrase });
});

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
      answers[role] = outcomeOf(await callServerAction(baseUrl, action, await row.args(fixtures, role), cookies[role]));
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

  it.each(Object.keys(ROUTES))("route %s answers each role as listed", async (route) => {
    const row = ROUTES[route]!;
    const statuses: Partial<PerRole<number>> = {};
    for (const role of ROLES) {
      const response = await fetch(new URL(row.path, baseUrl), { method: row.method, redirect: "manual", headers: cookies[role] ? { Cookie: cookies[role] } : {} });
      await response.arrayBuffer();
      statuses[role] = response.status;
    }
    expect(statuses).toEqual(row.expect);
  });
});
