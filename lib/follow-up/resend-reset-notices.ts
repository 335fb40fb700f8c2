// "Resend the notice" for pending re-registrations: the reset notice again, through the
// outbox, at most once per contact per 24 hours (the first resend may follow the reset at
// once: the parent calls because the mail did not arrive). The follow-up rows are locked,
// so two agents clicking together send one mail; one audit event records what happened.
import { z } from "zod";
import { prisma } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { emailRequest, enqueueEmails } from "@/lib/mail/enqueue-email";
import { loginResetNotice } from "@/lib/mail/templates/login-reset-notice";
import { isLocale } from "@/lib/i18n/locales";
import { assertStaffPermission, auditActorOf, type StaffActor } from "@/lib/staff/staff-actor";

export const RESEND_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const MAX_RESEND_ROWS = 200;

export const resendIdsSchema = z
  .array(z.number().int().positive().max(2_147_483_647))
  .min(1, "Select at least one parent.")
  .max(MAX_RESEND_ROWS, `Select at most ${MAX_RESEND_ROWS} parents.`)
  .transform((ids) => [...new Set(ids)]);

export interface ResendOutcome {
  sent: number;
  /** Already resent in the last 24 hours. */
  tooSoon: number;
  /** Re-registered, removed or not found meanwhile. */
  notPending: number;
  noEmail: number;
}

interface LockedFollowUp {
  id: number;
  contactId: number;
  noticeResentAt: Date | null;
  pending: boolean;
  username: string;
  firstName: string;
  lastName: string;
  email: string | null;
  preferredLocale: string;
}

/** `ids` are ParentLoginReset ids, as the pending page lists them. */
export async function resendResetNotices(actor: StaffActor, ids: number[], now = new Date()): Promise<ResendOutcome> {
  assertStaffPermission(actor, "parents:reset");
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<LockedFollowUp[]>`
      SELECT r.id, r."contactId", r."noticeResentAt",
        (r."reregisteredAt" IS NULL AND a.status = 'RESET' AND a."disabledAt" IS NULL AND c."removedAt" IS NULL) AS pending,
        a.username, c."firstName", c."lastName", c.email, c."preferredLocale"::text AS "preferredLocale"
      FROM "ParentLoginReset" r
      JOIN "ParentAccount" a ON a.id = r."accountId"
      JOIN "Contact" c ON c.id = r."contactId"
      WHERE r.id = ANY(${ids}::int[])
      ORDER BY r.id
      FOR UPDATE OF r`;
    const earliest = new Date(now.getTime() - RESEND_INTERVAL_MS);
    const pending = rows.filter((row) => row.pending);
    const due = pending.filter((row) => !row.noticeResentAt || row.noticeResentAt <= earliest);
    const withEmail = due.filter((row) => row.email?.trim().includes("@"));
    const requests = withEmail.map((row) =>
      emailRequest({
        to: row.email!.trim(),
        locale: isLocale(row.preferredLocale) ? row.preferredLocale : "en",
        template: loginResetNotice,
        params: { parentName: `${row.firstName} ${row.lastName}`.trim(), username: row.username },
      }),
    );
    const { count } = await enqueueEmails(tx, requests);
    if (withEmail.length > 0) {
      await tx.parentLoginReset.updateMany({ where: { id: { in: withEmail.map((row) => row.id) } }, data: { noticeResentAt: now } });
    }
    const outcome: ResendOutcome = {
      sent: count,
      tooSoon: pending.length - due.length,
      notPending: ids.length - pending.length,
      noEmail: due.length - withEmail.length,
    };
    await recordAuditEvent(tx, {
      actor: auditActorOf(actor),
      action: "parent.reset-notice.resend",
      contactIds: withEmail.map((row) => row.contactId),
      details: { requestedIds: ids, sentIds: withEmail.map((row) => row.id), ...outcome },
    });
    return outcome;
  });
}
