// Saves district settings and audits each changed field with its before and after value.
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { defaultDistrictSettings } from "@/lib/settings/district-settings";
import { DISTRICT_SETTINGS_FIELDS, type DistrictSettingsValues } from "@/lib/settings/district-settings-schema";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";

function sameValue(a: unknown, b: unknown) {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function updateDistrictSettings(actor: StaffActor, values: DistrictSettingsValues): Promise<{ changed: string[] }> {
  assertStaffPermission(actor, "settings:manage");
  return prisma.$transaction(async (tx) => {
    await tx.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, ...defaultDistrictSettings() }, update: {} });
    // Lock the row: two admins saving at once must not audit a stale "before".
    await tx.$queryRaw`SELECT id FROM "DistrictSettings" WHERE id = 1 FOR UPDATE`;
    const current = await tx.districtSettings.findUniqueOrThrow({ where: { id: 1 } });
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of DISTRICT_SETTINGS_FIELDS) {
      if (!sameValue(current[field], values[field])) changes[field] = { before: current[field], after: values[field] };
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return { changed };
    await tx.districtSettings.update({ where: { id: 1 }, data: values });
    await recordAuditEvent(tx, { actor: auditActorOf(actor), action: "settings.update", details: { changes } });
    return { changed };
  });
}
