// The first site admin of a deployment (`npm run staff:create-admin`): creates the account
// without a passphrase and returns a one-time link where that person chooses one. Run again
// for an admin who never used their link, it replaces the link; it never touches an account
// that already has a passphrase (a site admin resets those from the Staff page).
import { prisma } from "@/lib/db";
import { ActionFailure } from "@/lib/actions/action-result";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { issueStaffSetupLink, type IssuedSetupLink } from "@/lib/staff-auth/issue-staff-setup-link";
import { createSiteAdminSchema, type CreateSiteAdminInput } from "@/lib/staff-auth/staff-setup-schemas";

const COMMAND_ACTOR = { type: "SYSTEM" as const, label: "npm run staff:create-admin" };

export async function createSiteAdmin(rawInput: CreateSiteAdminInput): Promise<IssuedSetupLink & { staffUserId: number; created: boolean }> {
  const parsed = createSiteAdminSchema.safeParse(rawInput);
  if (!parsed.success) throw new ActionFailure("invalid", parsed.error.issues.map((issue) => issue.message).join(" "));
  const input = parsed.data;
  return prisma.$transaction(async (tx) => {
    const [existing] = await tx.$queryRaw<{ id: number; role: string; disabled: boolean; hasPassphrase: boolean }[]>`
      SELECT id, role::text AS role, disabled, "passwordHash" IS NOT NULL AS "hasPassphrase"
      FROM "StaffUser" WHERE email = ${input.email} FOR UPDATE`;
    if (existing && (existing.role !== "SITE_ADMIN" || existing.disabled || existing.hasPassphrase)) {
      throw new ActionFailure(
        "conflict",
        `A staff account for ${input.email} already exists. A site admin can send it a setup link from the console's Staff page.`,
      );
    }
    const staffUserId = existing?.id ?? (await tx.staffUser.create({ data: { email: input.email, name: input.name, role: "SITE_ADMIN" }, select: { id: true } })).id;
    const link = await issueStaffSetupLink(tx, staffUserId, "FIRST_ADMIN");
    await recordAuditEvent(tx, {
      actor: COMMAND_ACTOR,
      action: existing ? "staff.setup-link.send" : "staff.create",
      details: { staffUserId, email: input.email, name: input.name, role: "SITE_ADMIN", reason: "FIRST_ADMIN", expiresAt: link.expiresAt.toISOString() },
    });
    return { ...link, staffUserId, created: !existing };
  });
}
