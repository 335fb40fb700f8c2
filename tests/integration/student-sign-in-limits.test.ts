// Nobody can keep a child or a parent out of the district's apps by failing on purpose (review
// Medium 5). The student sign-in limits follow the parent sign-in's model: per (typed name,
// source address), plus a daily cap per login that a browser the login signed in on may still
// pass; and the provider's findAccount does not treat a parent's sign-in lock as "no account"
// (which would end their sessions and refresh tokens at every app).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { authenticateStudent, STUDENT_SIGN_IN_LIMITS } from "@/lib/accounts/student-sign-in";
import { PER_SOURCE_FAILURES } from "@/lib/auth/sign-in-throttle";
import { findOidcAccount } from "@/lib/oidc/account";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const PASSWORD = "limits student password 6620";

async function studentLogin(username: string) {
  const school = await createSchool(prisma);
  const family = await createParentWithChild(prisma, school.id, { firstName: "Lim", lastName: `Its${username}`, account: { username: `${username}.parent` } });
  await prisma.studentAccount.create({
    data: { studentId: family.student.id, username, usernameKey: username, passwordHash: await hashSecret(PASSWORD), createdByAccountId: family.account!.id },
  });
  return family;
}

describe("student sign-in limits", () => {
  it("a stranger failing on a child's name is limited at their own address; the child still signs in from another", async () => {
    await studentLogin("limits.kid1");
    const answers = [];
    for (let i = 0; i <= PER_SOURCE_FAILURES.limit; i++) answers.push((await authenticateStudent("limits.kid1", `guess ${i}`, "203.0.113.7")).ok ? "ok" : "refused");
    expect(answers).toEqual(Array(PER_SOURCE_FAILURES.limit + 1).fill("refused"));
    expect(await authenticateStudent("limits.kid1", PASSWORD, "203.0.113.7")).toEqual({ ok: false, reason: "rate_limited" });
    expect(await authenticateStudent("limits.kid1", PASSWORD, "198.51.100.20")).toMatchObject({ ok: true });
  });

  it("past the login's daily cap only a browser the login signed in on may still try; every other answer is 'invalid'", async () => {
    await studentLogin("limits.kid2");
    const own = await authenticateStudent("limits.kid2", PASSWORD, "192.0.2.50");
    expect(own.ok).toBe(true);
    const deviceToken = own.ok ? own.deviceToken : "";
    // Strangers spread the cap over enough addresses that none is limited on its own.
    const sources = Math.ceil(STUDENT_SIGN_IN_LIMITS.perAccount.limit / PER_SOURCE_FAILURES.limit);
    for (let source = 0; source < sources; source++) {
      for (let i = 0; i < PER_SOURCE_FAILURES.limit; i++) await authenticateStudent("limits.kid2", `guess ${source}.${i}`, `198.18.${source}.1`);
    }
    // The right password from a browser without the cookie: refused, as a wrong one would be.
    expect(await authenticateStudent("limits.kid2", PASSWORD, "192.0.2.60")).toEqual({ ok: false, reason: "invalid" });
    // A forged or foreign cookie is no cookie.
    expect(await authenticateStudent("limits.kid2", PASSWORD, "192.0.2.61", { deviceToken: `${deviceToken}x` })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticateStudent("limits.kid2", PASSWORD, "192.0.2.62", { deviceToken })).toMatchObject({ ok: true });
    const [capped] = await prisma.auditEvent.findMany({ where: { action: "student.sign-in.failed", actorLabel: "student:limits.kid2" }, orderBy: { id: "desc" }, take: 1 });
    expect(capped!.details).toEqual({ reason: "locked" });
  });
});

describe("findAccount and the portal's sign-in lock", () => {
  it("a parent whose portal sign-in strangers locked keeps their app sessions and tokens", async () => {
    const school = await createSchool(prisma);
    const { account } = await createParentWithChild(prisma, school.id, { firstName: "Lock", lastName: "Ed", account: { username: "limits.locked" } });
    await prisma.parentAccount.update({
      where: { id: account!.id },
      data: { failedAttempts: 50, failureWindowStartedAt: new Date(), lockedUntil: new Date(Date.now() + 86_400_000) },
    });
    expect(await findOidcAccount(undefined as never, account!.oidcSubject, { iat: Math.floor(Date.now() / 1000) } as never)).toMatchObject({ accountId: account!.oidcSubject });
  });
});
