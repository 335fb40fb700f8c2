// A student login stands on the link between the child and the parent who made it (review
// High 1): once the roster removes that link, the login signs in nowhere (student sign-in and
// the provider's findAccount refuse it), and its provider sessions, grants and tokens are
// revoked in the import's transaction, as they are when another parent replaces the login.
// The student's `sub` is the student's own (review Low 9): it outlives each login, so an app
// sees the same person after a reset, yet nothing issued to an earlier login counts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createStudentAccount } from "@/lib/accounts/create-student-account";
import { authenticateStudent } from "@/lib/accounts/student-sign-in";
import { findOidcAccount } from "@/lib/oidc/account";
import { revokeParentLogins } from "@/lib/parents/revoke-parent-logins";
import { PostgresAdapter } from "@/lib/oidc/adapter";
import { removeScratchDirs } from "../helpers/roster-fixtures";
import { family, runImport, writeV11Package, type TestUser } from "../helpers/roster-packages";

afterAll(removeScratchDirs);

const PASSWORD = "student link password 4471";
const roster = family("k", "7001");
const withAgents = (users: TestUser[], id: string, agents: string[]) => users.map((user) => (user.id === id ? { ...user, agents } : user));

/** A parent login for the roster contact `sourcedId`. */
async function parentLogin(sourcedId: string) {
  const contact = await prisma.contact.findUniqueOrThrow({ where: { sourcedId } });
  const data = { contactId: contact.id, username: `parent.${sourcedId}`, usernameKey: `parent.${sourcedId}`, passwordHash: "$argon2id$placeholder" };
  return prisma.parentAccount.upsert({ where: { contactId: contact.id }, create: data, update: {} });
}

/** A session at the lunch app and a token, as the provider stores them for `sub`. */
async function signedInAtApps(sub: string, tag: string) {
  await new PostgresAdapter("Session").upsert(`sess-${tag}`, { accountId: sub, uid: `uid-${tag}`, authorizations: { lunch: { sid: `sid-${tag}`, grantId: `grant-${tag}` } } }, 3600);
  await new PostgresAdapter("Grant").upsert(`grant-${tag}`, { accountId: sub, clientId: "lunch" }, 3600);
  await new PostgresAdapter("RefreshToken").upsert(`rt-${tag}`, { accountId: sub, grantId: `grant-${tag}`, clientId: "lunch" }, 3600);
}

const artifactsOf = (sub: string) => prisma.oidcPayload.count({ where: { accountId: sub } });
const studentSubject = async (studentId: number) => (await prisma.student.findUniqueOrThrow({ where: { id: studentId } })).oidcSubject;

beforeAll(async () => {
  await prisma.oidcClient.create({
    data: { clientId: "lunch", name: "Lunch", redirectUris: ["https://lunch.example.org/cb"], postLogoutRedirectUris: [], backchannelLogoutUri: "https://lunch.example.org/bcl", scopes: ["openid"] },
  });
});

// The whole family, both parents linked (restores a link an earlier test removed).
beforeEach(async () => {
  await runImport(await writeV11Package({ users: roster }));
});

describe("a student login and its parent's link to the child", () => {
  it("replacing the login revokes the old one's provider sessions and tokens; removing the creator's link ends the login everywhere", async () => {
    const student = await prisma.student.findUniqueOrThrow({ where: { sourcedId: "k-s" } });
    const [first, second] = [await parentLogin("k-p0"), await parentLogin("k-p1")];

    expect(await createStudentAccount({ parentAccountId: first.id, studentId: student.id, username: "kid.k", password: PASSWORD, ip: "192.0.2.1" })).toMatchObject({ ok: true });
    const sub = await studentSubject(student.id);
    await signedInAtApps(sub, "first");
    expect(await findOidcAccount(undefined as never, sub)).toMatchObject({ accountId: sub });

    // The other parent makes the login again: whoever held the old password is signed out of the apps.
    expect(await createStudentAccount({ parentAccountId: second.id, studentId: student.id, username: "kid.k", password: PASSWORD, ip: "192.0.2.2" })).toMatchObject({ ok: true });
    expect(await artifactsOf(sub)).toBe(0);
    expect(await prisma.oidcLogoutDelivery.findMany({ select: { clientId: true, accountId: true, sid: true } })).toEqual([{ clientId: "lunch", accountId: sub, sid: "sid-first" }]);
    const [replaced] = await prisma.auditEvent.findMany({ where: { action: "student-account.create" }, orderBy: { id: "desc" }, take: 1 });
    expect(replaced!.details).toMatchObject({ replaced: true, appLogoutsQueued: 1 });

    // Still linked: the login works at the sign-in step and at the apps.
    await signedInAtApps(sub, "second");
    expect(await authenticateStudent("kid.k", PASSWORD, "192.0.2.3")).toMatchObject({ ok: true, oidcSubject: sub });
    expect(await findOidcAccount(undefined as never, sub)).toBeDefined();

    // The roster removes the link of the parent who made the login (the other parent keeps theirs).
    const result = await runImport(await writeV11Package({ users: withAgents(roster, "k-s", ["k-p0"]) }), { confirmRemovals: true });
    expect(result.summary?.links).toMatchObject({ removed: 1 });
    expect(await artifactsOf(sub)).toBe(0);
    expect(await prisma.oidcLogoutDelivery.count({ where: { accountId: sub, sid: "sid-second" } })).toBe(1);
    expect(await findOidcAccount(undefined as never, sub)).toBeUndefined();
    expect(await authenticateStudent("kid.k", PASSWORD, "192.0.2.4")).toEqual({ ok: false, reason: "invalid" });
    // The first parent's provider rows were never touched by the import.
    expect(await artifactsOf(first.oidcSubject)).toBe(0);
  });

  it("an import that removes no creator's link revokes nothing", async () => {
    const student = await prisma.student.findUniqueOrThrow({ where: { sourcedId: "k-s" } });
    const creator = await parentLogin("k-p0");
    await createStudentAccount({ parentAccountId: creator.id, studentId: student.id, username: "kid.k2", password: PASSWORD, ip: "192.0.2.1" });
    const sub = await studentSubject(student.id);
    await signedInAtApps(sub, "kept");
    // The link of the parent who did not make the login goes.
    await runImport(await writeV11Package({ users: withAgents(roster, "k-s", ["k-p0"]) }), { confirmRemovals: true });
    expect(await artifactsOf(sub)).toBe(3);
    expect(await findOidcAccount(undefined as never, sub)).toBeDefined();
  });

  it("keeps the student's sub when a parent's reset removes the login and it is made again; tokens of the old login stay refused", async () => {
    const student = await prisma.student.findUniqueOrThrow({ where: { sourcedId: "k-s" } });
    const [first, second] = [await parentLogin("k-p0"), await parentLogin("k-p1")];
    const sub = await studentSubject(student.id);
    await createStudentAccount({ parentAccountId: first.id, studentId: student.id, username: "kid.k3", password: PASSWORD, ip: "192.0.2.1" });
    expect(await authenticateStudent("kid.k3", PASSWORD, "192.0.2.5")).toMatchObject({ ok: true, oidcSubject: sub });
    const issuedToOldLogin = { iat: Math.floor(Date.now() / 1000) - 5 };

    // A staff reset of the parent who made it removes the student login (the SIS vendor's procedure).
    const removed = await prisma.$transaction((tx) => revokeParentLogins(tx, [first.id], new Date(), { resetAt: new Date() }));
    expect(removed.studentAccountsRemoved).toBe(1);
    expect(await findOidcAccount(undefined as never, sub)).toBeUndefined();

    // The other parent makes the child's login again: the same person to every app.
    expect(await createStudentAccount({ parentAccountId: second.id, studentId: student.id, username: "kid.k3", password: PASSWORD, ip: "192.0.2.2" })).toMatchObject({ ok: true });
    expect(await studentSubject(student.id)).toBe(sub);
    expect(await authenticateStudent("kid.k3", PASSWORD, "192.0.2.6")).toMatchObject({ ok: true, oidcSubject: sub });
    const claims = await (await findOidcAccount(undefined as never, sub))!.claims("id_token", "openid profile", {}, []);
    expect(claims).toMatchObject({ sub, user_type: "student" });
    // A token the old login was given, had a row of it been missed, is not the new login's.
    expect(await findOidcAccount(undefined as never, sub, issuedToOldLogin as never)).toBeUndefined();
    expect(await findOidcAccount(undefined as never, sub, { iat: Math.floor(Date.now() / 1000) + 1 } as never)).toBeDefined();
  });
});
