// The provider's student login step (lib/accounts/student-sign-in.ts) refuses in the time a
// wrong password takes: an unknown name, a login whose student left the roster, a name
// throttled for its source and a login past its cap cost one argon2id verification like a
// wrong password, so timing tells an attacker
// nothing about which names exist. Same method as sign-in-refusal-timing.test.ts: interleaved
// samples compared by median, with bounds that a missing (or extra) hash would break.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { authenticateStudent, STUDENT_SIGN_IN_LIMITS } from "@/lib/accounts/student-sign-in";
import { PER_SOURCE_FAILURES } from "@/lib/auth/sign-in-throttle";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { median, timed } from "../helpers/interleaved-timing";

const PASSWORD = "timing student password 4410";
const SAMPLES = 15;

/** Milliseconds one call takes. */
const elapsed = async (run: () => Promise<unknown>): Promise<number> => (await timed(run)).ms;

beforeAll(async () => {
  const school = await createSchool(prisma);
  const passwordHash = await hashSecret(PASSWORD);
  for (const [username, removed] of [["timing.student", false], ["timing.gone", true], ["timing.capped", false]] as const) {
    const family = await createParentWithChild(prisma, school.id, { firstName: "Tim", lastName: `Ing${username}`, account: { username: `${username}.parent`, passwordHash } });
    const login = await prisma.studentAccount.create({ data: { studentId: family.student.id, username, usernameKey: username, passwordHash, createdByAccountId: family.account!.id } });
    if (removed) await prisma.student.update({ where: { id: family.student.id }, data: { removedAt: new Date() } });
    if (username === "timing.capped") {
      // Strangers spent this login's daily budget from many addresses.
      const { perAccount } = STUDENT_SIGN_IN_LIMITS;
      await prisma.rateLimitBucket.create({
        data: { key: `student-sign-in:account:${login.id}`, count: perAccount.limit * 2, windowStart: new Date(), expiresAt: new Date(Date.now() + perAccount.windowSeconds * 1000) },
      });
    }
  }
  await authenticateStudent("warm.up", "warm up", "192.0.2.250");
});

describe("student sign-in refusal timing", () => {
  it("every refusal answers the same and costs about what a wrong password costs", async () => {
    const samples = { wrong: [] as number[], unknown: [] as number[], removed: [] as number[], throttled: [] as number[], capped: [] as number[] };
    // The throttled name: one source spends its budget for it first.
    for (let i = 0; i < PER_SOURCE_FAILURES.limit; i++) await authenticateStudent("timing.throttled", `spend ${i}`, "203.0.113.1");
    const answers = new Set<string>();
    for (let i = 0; i < SAMPLES; i++) {
      // Fresh names and addresses per sample: only the throttled one is over a limit.
      await prisma.rateLimitBucket.deleteMany({ where: { OR: ["timing.student", "timing.gone"].map((name) => ({ key: { contains: `student-sign-in:fail:${name}:` } })) } });
      samples.wrong.push(await elapsed(async () => answers.add(JSON.stringify(await authenticateStudent("timing.student", `wrong ${i}`, `198.51.100.${i + 1}`)))));
      samples.unknown.push(await elapsed(async () => answers.add(JSON.stringify(await authenticateStudent(`timing.nobody${i}`, PASSWORD, `198.18.1.${i + 1}`)))));
      samples.removed.push(await elapsed(async () => answers.add(JSON.stringify(await authenticateStudent("timing.gone", PASSWORD, `198.18.2.${i + 1}`)))));
      samples.throttled.push(await elapsed(() => authenticateStudent("timing.throttled", PASSWORD, "203.0.113.1")));
      samples.capped.push(await elapsed(async () => answers.add(JSON.stringify(await authenticateStudent("timing.capped", PASSWORD, `198.18.4.${i + 1}`)))));
    }
    expect([...answers]).toEqual([JSON.stringify({ ok: false, reason: "invalid" })]);
    const wrong = median(samples.wrong);
    const figures: Record<string, string> = { wrong: `${wrong.toFixed(1)} ms` };
    for (const kind of ["unknown", "removed", "throttled", "capped"] as const) {
      const ratio = median(samples[kind]) / wrong;
      figures[kind] = `${median(samples[kind]).toFixed(1)} ms (x${ratio.toFixed(2)})`;
      expect(ratio, `${kind} vs wrong password`).toBeGreaterThan(0.5);
      expect(ratio, `${kind} vs wrong password`).toBeLessThan(2);
    }
    console.log("student sign-in refusal medians:", figures);
    // The right password still opens after all this (its address and name are fresh).
    expect((await authenticateStudent("timing.student", PASSWORD, "192.0.2.1")).ok).toBe(true);
  }, 120_000);
});
