// Browser and HTTP tests sign staff in with two-step sign-in like everyone else. The e2e
// server's key is not known to the tests, so a test member gets a bound authenticator whose
// secret nobody can use plus known recovery codes (argon2id needs no server key): each sign-in
// spends one recovery code in the second step.
import type { Page } from "playwright-core";
import { prisma } from "@/lib/db";
import { hashRecoveryCode, RECOVERY_CODE_COUNT } from "@/lib/staff-auth/mfa/recovery-codes";
import { randomString } from "@/lib/security/random-secret";

/** Recovery codes to sign the person in with, one per sign-in. */
export class StaffRecoveryCodes {
  constructor(private readonly codes: string[]) {}
  next(): string {
    const code = this.codes.shift();
    if (!code) throw new Error("test staff member is out of recovery codes: give them more");
    return code;
  }
}

export async function giveStaffSecondFactor(staffUserId: number, count = RECOVERY_CODE_COUNT): Promise<StaffRecoveryCodes> {
  const codes = Array.from({ length: count }, () => randomString(16, "ABCDEFGHJKMNPQRSTVWXYZ23456789"));
  const totp = { secretEnc: "test-authenticator-nobody-can-use", confirmedAt: new Date(), pendingSessionId: null };
  await prisma.staffTotp.upsert({ where: { staffUserId }, create: { staffUserId, ...totp }, update: totp });
  await prisma.staffRecoveryCode.createMany({ data: await Promise.all(codes.map(async (code) => ({ staffUserId, codeHash: await hashRecoveryCode(code) }))) });
  return new StaffRecoveryCodes(codes);
}

/** Signs in on the console sign-in page, then passes the second step with a recovery code. */
export async function signInStaffInBrowser(page: Page, baseUrl: string, staff: { email: string; password: string; codes: StaffRecoveryCodes }, callbackPath?: string): Promise<void> {
  const query = callbackPath ? `?callbackUrl=${encodeURIComponent(callbackPath)}` : "";
  await page.goto(`${baseUrl}/console/sign-in${query}`);
  await page.getByLabel("E-mail address").fill(staff.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await passSecondStepInBrowser(page, staff.codes);
}

/** On the second-step page: a recovery code, then wait until the console opens. */
export async function passSecondStepInBrowser(page: Page, codes: StaffRecoveryCodes): Promise<void> {
  await page.waitForURL(/\/console\/sign-in\/second-step/);
  // The code field takes a recovery code as well (with or without the page's scripts).
  await page.locator("#second-step-code").fill(codes.next());
  await page.locator("#second-step-code").press("Enter");
  await page.waitForURL((url) => !url.pathname.startsWith("/console/sign-in"));
}

/** One fresh recovery code for the staff member with this e-mail (given an authenticator if needed). */
export async function secondFactorFor(email: string): Promise<StaffRecoveryCodes> {
  const staff = await prisma.staffUser.findUniqueOrThrow({ where: { email: email.trim().toLowerCase() } });
  return giveStaffSecondFactor(staff.id, 1);
}

/** The `secondFactor` argument of signInOverHttp for the staff member with this e-mail. */
export async function recoveryCodeFor(email: string): Promise<{ kind: "recovery"; code: string }> {
  return { kind: "recovery", code: (await secondFactorFor(email)).next() };
}
