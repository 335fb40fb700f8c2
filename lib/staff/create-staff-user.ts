// Creates a staff account with an initial passphrase (argon2id), audited in the same transaction.
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashSecret } from "@/lib/security/password-hash";
import { getDistrictSettings, isStaffEmail } from "@/lib/settings/district-settings";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";
import type { CreateStaffUserInput } from "@/lib/staff/staff-user-schemas";

const EMAIL_TAKEN = "A staff account already uses this email.";

export async function createStaffUser(actor: StaffActor, input: CreateStaffUserInput): Promise<{ id: number }> {
  assertStaffPermission(actor, "staff:manage");
  const settings = await getDistrictSettings();
  if (input.passphrase.length < settings.staffPassphraseMinLength) {
    throw new ActionFailure("invalid", "Some fields need attention.", {
      passphrase: [`Use at least ${settings.staffPassphraseMinLength} characters.`],
    });
  }
  if (settings.staffEmailDomains.length > 0 && !isStaffEmail(input.email, settings.staffEmailDomains)) {
    throw new ActionFailure("invalid", "Some fields need attention.", {
      email: [`Use a district address (${settings.staffEmailDomains.join(", ")}).`],
    });
  }
  const passwordHash = await hashSecret(input.passphrase);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.staffUser.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        actor: auditActorOf(actor),
        action: "staff.create",
        details: { staffUserId: user.id, email: input.email, name: input.name, role: input.role },
      });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ActionFailure("conflict", EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
    }
    throw error;
  }
}
