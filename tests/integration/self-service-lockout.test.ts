// Anyone who knows a child's student number must not be able to block the family's
// self-service: an attacker's address exhausts only its own attempts, and the per-student
// ceiling (every address together) is only reached by many addresses at once.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { registerParent, REGISTER_LIMIT, REGISTER_STUDENT_CEILING } from "@/lib/accounts/register-parent";
import { resendTemporaryPassword, RESEND_LIMIT, RESEND_STUDENT_CEILING } from "@/lib/accounts/resend-temporary-password";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const fast = { minimumMs: 0 }; // timing is the subject of forgot-enumeration.test.ts
const ATTACKER = "203.0.113.66";
const PARENT = "198.51.100.9";
let schoolId: number;
let seq = 0;

async function family(status: "RESET" | "PENDING_PASSWORD_CHANGE") {
  const n = ++seq;
  const lastName = `Nguyễn${n}`;
  const created = await createParentWithChild(prisma, schoolId, {
    firstName: "Hoa",
    lastName,
    email: `hoa.${n}@example.com`,
    account: { username: `hoa.nguyen${n}`, status, passwordHash: status === "RESET" ? null : await hashSecret("temporary 1234") },
  });
  const studentId = created.student.studentNumber;
  return {
    ...created,
    register: { username: `hoa.nguyen${n}`, studentIds: [studentId], firstName: "Hoa", lastName },
    resend: { studentId, firstName: "Hoa", lastName },
  };
}

const addresses = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}.${i + 1}`);
const mailsTo = (to: string, template: string) => prisma.emailOutbox.count({ where: { toAddress: to, template } });

beforeAll(async () => {
  schoolId = (await createSchool(prisma)).id;
});
beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

describe("Create a new account: an attacker cannot lock the family out", () => {
  it("an attacker's address exhausts its attempts for the student number; the parent from another address still registers", async () => {
    const victim = await family("RESET");
    const guess = { ...victim.register, firstName: "Wrong", username: "attacker.pick" };
    for (let i = 0; i < REGISTER_LIMIT.attempts; i++) expect(await registerParent(guess, { ip: ATTACKER }, fast)).toEqual({ status: "no_match" });
    expect(await registerParent(guess, { ip: ATTACKER }, fast)).toMatchObject({ status: "rate_limited" });
    // Even with the right details, the attacking address stays throttled ...
    expect(await registerParent(victim.register, { ip: ATTACKER }, fast)).toMatchObject({ status: "rate_limited" });
    // ... while the parent, from their own address, gets in.
    expect(await registerParent(victim.register, { ip: PARENT }, fast)).toMatchObject({ status: "registered" });
    expect(await mailsTo(victim.contact.email!, "temporary-password")).toBe(1);
  });

  it("the per-student ceiling takes many addresses at once, and then holds for every address", async () => {
    const victim = await family("RESET");
    const guess = { ...victim.register, firstName: "Wrong" };
    const perAddress = REGISTER_LIMIT.attempts;
    const needed = Math.ceil(REGISTER_STUDENT_CEILING.attempts / perAddress);
    expect(needed).toBeGreaterThanOrEqual(5);
    for (const ip of addresses(needed, "192.0.2")) {
      for (let i = 0; i < perAddress; i++) expect(await registerParent(guess, { ip }, fast)).toEqual({ status: "no_match" });
    }
    expect(await registerParent(victim.register, { ip: PARENT }, fast)).toMatchObject({ status: "rate_limited", retryAfterMinutes: 15 });
    await prisma.rateLimitBucket.updateMany({ data: { windowStart: new Date(Date.now() - (REGISTER_STUDENT_CEILING.windowSeconds + 1) * 1000) } });
    expect(await registerParent(victim.register, { ip: PARENT }, fast)).toMatchObject({ status: "registered" });
  });
});

describe("Resend temporary password: an attacker cannot lock the family out", () => {
  it("an attacker's address exhausts its attempts for the student number; the parent from another address still gets the mail", async () => {
    const victim = await family("PENDING_PASSWORD_CHANGE");
    const guess = { ...victim.resend, firstName: "Wrong" };
    for (let i = 0; i < RESEND_LIMIT.attempts; i++) expect(await resendTemporaryPassword(guess, { ip: ATTACKER }, fast)).toEqual({ status: "done" });
    expect(await resendTemporaryPassword(guess, { ip: ATTACKER }, fast)).toMatchObject({ status: "rate_limited" });
    expect(await resendTemporaryPassword(victim.resend, { ip: PARENT }, fast)).toEqual({ status: "done" });
    expect(await mailsTo(victim.contact.email!, "temporary-password")).toBe(1);
  });

  it("the per-student ceiling takes many addresses at once, and then holds for every address", async () => {
    const victim = await family("PENDING_PASSWORD_CHANGE");
    const guess = { ...victim.resend, firstName: "Wrong" };
    const perAddress = RESEND_LIMIT.attempts;
    const needed = Math.ceil(RESEND_STUDENT_CEILING.attempts / perAddress);
    expect(needed).toBeGreaterThanOrEqual(5);
    for (const ip of addresses(needed, "192.0.2")) {
      for (let i = 0; i < perAddress; i++) expect(await resendTemporaryPassword(guess, { ip }, fast)).toEqual({ status: "done" });
    }
    expect(await resendTemporaryPassword(victim.resend, { ip: PARENT }, fast)).toMatchObject({ status: "rate_limited", retryAfterMinutes: 60 });
    expect(await mailsTo(victim.contact.email!, "temporary-password")).toBe(0);
  });
});
