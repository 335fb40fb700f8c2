// "Resend temporary password" answers the same whether or not the identity matches a login
// awaiting its first sign-in, also once the per-account limit (3 per hour) is reached from
// several addresses: that limit is silent (found by an attacker's review: it answered
// "rate_limited" only for a matched login, an oracle for "this student's parent is named Y").
import { beforeAll, beforeEach, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { resendTemporaryPassword, RESEND_LIMIT } from "@/lib/accounts/resend-temporary-password";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const fast = { minimumMs: 0 };
let schoolId: number;

beforeAll(async () => {
  schoolId = (await createSchool(prisma)).id;
});
beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

it("a matched pending login and a wrong name get the same answer from a fresh address", async () => {
  const { student } = await createParentWithChild(prisma, schoolId, {
    firstName: "Hoa",
    lastName: "Oracle",
    email: "hoa.oracle@example.com",
    account: { username: "hoa.oracle", status: "PENDING_PASSWORD_CHANGE", passwordHash: await hashSecret("temporary 1234") },
  });
  const right = { studentId: student.studentNumber, firstName: "Hoa", lastName: "Oracle" };
  const wrong = { ...right, firstName: "Mai" };
  // Three tries with the guessed name, one from each of three addresses.
  for (let i = 0; i < RESEND_LIMIT.attempts; i++) {
    expect(await resendTemporaryPassword(right, { ip: `203.0.113.${i + 1}` }, fast)).toEqual({ status: "done" });
  }
  // From a fresh address: the answers must not tell the two names apart.
  const forWrong = await resendTemporaryPassword(wrong, { ip: "203.0.113.50" }, fast);
  const forRight = await resendTemporaryPassword(right, { ip: "203.0.113.51" }, fast);
  expect(forWrong).toEqual({ status: "done" });
  expect(forRight).toEqual(forWrong);
});
