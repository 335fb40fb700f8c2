// A signed-in staff member's own second factors on the account page. Each change needs a
// fresh second factor in the same request (an authenticator code or a recovery code: ASVS
// 7.5.1, NIST SP 800-63B-4 section 4.1.2.1), is audited, and is confirmed to the person by mail.
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { prisma } from "@/lib/db";
import type { Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enqueueEmail } from "@/lib/mail/enqueue-email";
import { staffMfaNotice, type StaffMfaNoticeEvent } from "@/lib/mail/templates/staff-mfa-notice";
import { ActionFailure } from "@/lib/actions/action-result";
import { replaceRecoveryCodes } from "@/lib/staff-auth/mfa/recovery-codes";
import { finishPasskeyRegistration, startPasskeyRegistration } from "@/lib/staff-auth/mfa/staff-passkeys";
import { verifyStaffSecondFactor } from "@/lib/staff-auth/mfa/verify-second-factor";
import type { SelfActor } from "@/lib/staff-auth/mfa/enrol-first-authenticator";

export interface StepUp {
  kind: "totp" | "recovery";
  code: string;
}

const actorOf = (self: SelfActor) => ({ type: "STAFF" as const, id: self.staffUserId, label: self.email, ip: self.ip });

/**
 * Runs `change` only after a right fresh second factor. A wrong one is committed (it counts
 * towards the cool-off) and answered with an ActionFailure.
 */
async function withFreshSecondFactor<T>(self: SelfActor, stepUp: StepUp, change: (tx: Tx) => Promise<T>): Promise<T> {
  const outcome = await prisma.$transaction(async (tx) => {
    const verified = await verifyStaffSecondFactor(tx, self.staffUserId, stepUp, { purpose: "step-up", ip: self.ip });
    if (!verified.ok) return { ok: false as const, coolingOff: verified.reason === "cooling_off" };
    return { ok: true as const, value: await change(tx) };
  });
  if (!outcome.ok) {
    throw new ActionFailure(
      "invalid",
      outcome.coolingOff ? "Too many wrong codes: wait 15 minutes and try again." : "That code is not right. Enter a fresh code from your authenticator app, or a recovery code.",
      { code: ["Check the code."] },
    );
  }
  return outcome.value;
}

async function notify(tx: Tx, staffUserId: number, event: StaffMfaNoticeEvent): Promise<void> {
  const staff = await tx.staffUser.findUniqueOrThrow({ where: { id: staffUserId }, select: { email: true, name: true } });
  await enqueueEmail(tx, { to: staff.email, locale: "en", template: staffMfaNotice, params: { name: staff.name, event } });
}

/** Ten new recovery codes (shown once); the old set stops working. */
export async function regenerateOwnRecoveryCodes(self: SelfActor, stepUp: StepUp): Promise<string[]> {
  return withFreshSecondFactor(self, stepUp, async (tx) => {
    const codes = await replaceRecoveryCodes(tx, self.staffUserId);
    await recordAuditEvent(tx, { actor: actorOf(self), action: "staff.mfa.recovery-codes.regenerate", details: { count: codes.length } });
    await notify(tx, self.staffUserId, "recovery-codes-regenerated");
    return codes;
  });
}

/** Options for the browser to create a passkey; the challenge lives 5 minutes, server-side. */
export async function beginOwnPasskeyRegistration(self: SelfActor & { name: string }, stepUp: StepUp): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return withFreshSecondFactor(self, stepUp, (tx) => startPasskeyRegistration(tx, { id: self.staffUserId, email: self.email, name: self.name }));
}

export async function finishOwnPasskeyRegistration(self: SelfActor, response: RegistrationResponseJSON, name: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (!(await finishPasskeyRegistration(tx, self.staffUserId, response, name))) {
      throw new ActionFailure("invalid", "The passkey could not be added. Start again.");
    }
    await recordAuditEvent(tx, { actor: actorOf(self), action: "staff.mfa.passkey.add", details: { name } });
    await notify(tx, self.staffUserId, "passkey-added");
  });
}

export async function removeOwnPasskey(self: SelfActor, passkeyId: number, stepUp: StepUp): Promise<void> {
  await withFreshSecondFactor(self, stepUp, async (tx) => {
    const removed = await tx.staffPasskey.deleteMany({ where: { id: passkeyId, staffUserId: self.staffUserId } });
    if (removed.count === 0) return;
    await recordAuditEvent(tx, { actor: actorOf(self), action: "staff.mfa.passkey.remove", details: { passkeyId } });
    await notify(tx, self.staffUserId, "passkey-removed");
  });
}

export async function listOwnPasskeys(staffUserId: number) {
  return prisma.staffPasskey.findMany({ where: { staffUserId }, select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { id: "asc" } });
}
