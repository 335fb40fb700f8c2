// Resets parent portal logins chosen through grid rows, all or nothing: the login is made
// unusable, its sessions and security codes end, the rows record the reset, each parent is
// e-mailed how to create the login again, and one audit event describes it all. Every reset
// stays within the staff member's limits (reset-limits.ts); a refusal is audited too.
import { z } from "zod";
import type { StaffRole } from "@/lib/generated/prisma/enums";
import { ActionFailure } from "@/lib/actions/action-result";
import { prisma, type Tx } from "@/lib/db";
import { metrics } from "@/lib/ops/metrics";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { emailRequest, enqueueEmails } from "@/lib/mail/enqueue-email";
import { loginResetNotice } from "@/lib/mail/templates/login-reset-notice";
import { isLocale } from "@/lib/i18n/locales";
import { checkResetLimits, lockResetLimits, type ResetRefusal } from "@/lib/parents/reset-limits";
import { revokeParentLogins } from "@/lib/parents/revoke-parent-logins";
import { assertCallerVerification, verificationPolicy, type CallerVerification } from "@/lib/parents/caller-verification";

export const linkIdsSchema = (max: number) =>
  z
    .array(z.number().int().positive().max(2_147_483_647))
    .min(1, "Select at least one row.")
    .max(max, `Select at most ${max.toLocaleString("en-US")} rows.`)
    .transform((ids) => [...new Set(ids)]);

export interface ResetActor {
  staffUserId: number;
  label: string;
  ip: string | null;
}

export interface ResetParentLoginsInput {
  linkIds: number[];
  actor: ResetActor;
  /** Also reset through the parents' other child rows that were not selected. */
  includeOtherRowsOfSameParents?: boolean;
  /**
   * How the caller was verified, checked against the district's rules (caller-verification.ts).
   * The console's action always passes one (empty when nothing was ticked); only trusted
   * in-process callers (benchmarks, scripts) omit it, and then nothing is checked or recorded.
   */
  verification?: CallerVerification;
}

export interface ResetOutcome {
  /** Rows (links) whose login was reset now. */
  resetRows: number;
  /** Distinct parent logins reset now. */
  resetLogins: number;
  /** Contacts whose login was already reset: reported, not an error. */
  alreadyReset: number;
  /** Contacts without a parent login: nothing to reset. */
  noAccount: number;
  /** Logins reset whose contact has no e-mail on record (no notice could be sent). */
  noEmail: number;
  emailsQueued: number;
  studentAccountsRemoved: number;
  sessionsEnded: number;
  /** Back-channel logouts queued for the district's other apps (sent after the commit). */
  appLogoutsQueued: number;
  /** Selected ids that do not exist (deleted meanwhile). */
  notFound: number;
}

interface Link {
  id: number;
  contactId: number;
}

interface ResetContact {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  preferredLocale: string;
}

interface LockedAccount {
  id: number;
  contactId: number;
  status: string;
  username: string;
}

async function lockAccounts(tx: Tx, contactIds: number[]): Promise<LockedAccount[]> {
  // Row locks in id order: concurrent resets of overlapping parents wait instead of both
  // deciding the login is "not reset yet", and never deadlock.
  return tx.$queryRaw<LockedAccount[]>`
    SELECT id, "contactId", status::text AS status, username FROM "ParentAccount"
    WHERE "contactId" = ANY(${contactIds}::int[]) ORDER BY id FOR UPDATE`;
}

async function policyFor(tx: Tx, role: StaffRole, parents: number) {
  const settings = await tx.districtSettings.findUnique({
    where: { id: 1 },
    select: { callerVerificationMethods: true, callerVerificationRequired: true },
  });
  return verificationPolicy(role, parents, settings);
}

async function resetInTransaction(tx: Tx, input: ResetParentLoginsInput): Promise<ResetOutcome | { refused: ResetRefusal }> {
  const linkIds = [...new Set(input.linkIds)];
  const limits = await lockResetLimits(tx, input.actor.staffUserId);
  const selected = await tx.$queryRaw<Link[]>`SELECT id, "contactId" FROM "StudentContact" WHERE id = ANY(${linkIds}::int[]) ORDER BY id`;
  const contactIds = [...new Set(selected.map((link) => link.contactId))];
  const links = input.includeOtherRowsOfSameParents
    ? await tx.$queryRaw<Link[]>`SELECT id, "contactId" FROM "StudentContact" WHERE "contactId" = ANY(${contactIds}::int[]) ORDER BY id`
    : selected;
  const actor = { type: "STAFF" as const, id: input.actor.staffUserId, label: input.actor.label, ip: input.actor.ip };
  // Checked against the settings as they are now, with the role from the database.
  const verification = input.verification && assertCallerVerification(input.verification, await policyFor(tx, limits.role, contactIds.length));
  const refused = checkResetLimits(limits, links.length);
  if (refused) {
    // Recorded and committed without touching anything else: the caller turns it into an error.
    await recordAuditEvent(tx, {
      actor,
      action: refused.action,
      contactIds,
      details: { ...refused.details, selectedRows: selected.length, includeOtherRows: Boolean(input.includeOtherRowsOfSameParents) },
    });
    return { refused };
  }
  const accounts = await lockAccounts(tx, contactIds);
  const toReset = accounts.filter((account) => account.status !== "RESET");
  const accountIds = toReset.map((account) => account.id);
  const resetContactIds = new Set(toReset.map((account) => account.contactId));
  const resetLinkIds = links.filter((link) => resetContactIds.has(link.contactId)).map((link) => link.id);
  const now = new Date();
  let sessionsEnded = 0;
  let studentAccountsRemoved = 0;
  let appLogoutsQueued = 0;
  let emailsQueued = 0;
  let noEmail = 0;

  if (accountIds.length > 0) {
    // The reset rows' record, and their status sort key as the login is about to have it, in
    // one write: the ParentAccount trigger then finds these rows' keys current and skips them
    // (it still updates the parents' other rows).
    await tx.$executeRaw`
      UPDATE "StudentContactLoginKey" SET "resetAt" = ${now}, "resetById" = ${input.actor.staffUserId},
        "sortStatus" = parent_grid_status_key('RESET')
      WHERE id = ANY(${resetLinkIds}::int[])`;
    ({ sessionsEnded, studentAccountsRemoved, appLogoutsQueued } = await revokeParentLogins(tx, accountIds, now, { resetAt: now }));
    // The follow-up (pending page, console home), with the schools of the parent's children
    // at this moment; completion is marked by the migration's rule.
    await tx.$executeRaw`
      INSERT INTO "ParentLoginReset" ("contactId", "accountId", "resetAt", "resetById", "schoolIds")
      SELECT a."contactId", a.id, ${now}, ${input.actor.staffUserId},
        COALESCE((SELECT array_agg(DISTINCT st."schoolId" ORDER BY st."schoolId")
                  FROM "StudentContact" sc JOIN "Student" st ON st.id = sc."studentId"
                  WHERE sc."contactId" = a."contactId" AND sc."removedAt" IS NULL), '{}')
      FROM unnest(${accountIds}::int[], ${toReset.map((account) => account.contactId)}::int[]) AS a(id, "contactId")
      ON CONFLICT DO NOTHING`;

    const contacts = await tx.$queryRaw<ResetContact[]>`
      SELECT id, "firstName", "lastName", email, "preferredLocale"::text AS "preferredLocale"
      FROM "Contact" WHERE id = ANY(${[...resetContactIds]}::int[])`;
    const usernameByContact = new Map(toReset.map((account) => [account.contactId, account.username]));
    const requests = contacts.flatMap((contact) => {
      const to = contact.email?.trim();
      if (!to || !to.includes("@")) {
        noEmail += 1;
        return [];
      }
      return [
        emailRequest({
          to,
          locale: isLocale(contact.preferredLocale) ? contact.preferredLocale : "en",
          template: loginResetNotice,
          params: { parentName: `${contact.firstName} ${contact.lastName}`.trim(), username: usernameByContact.get(contact.id) ?? "" },
        }),
      ];
    });
    emailsQueued = (await enqueueEmails(tx, requests)).count;
  }

  const accountContactIds = new Set(accounts.map((account) => account.contactId));
  const outcome: ResetOutcome = {
    resetRows: resetLinkIds.length,
    resetLogins: accountIds.length,
    alreadyReset: accounts.length - toReset.length,
    noAccount: contactIds.filter((id) => !accountContactIds.has(id)).length,
    noEmail,
    emailsQueued,
    studentAccountsRemoved,
    sessionsEnded,
    appLogoutsQueued,
    notFound: linkIds.length - selected.length,
  };
  await recordAuditEvent(tx, {
    actor,
    action: "parent.reset",
    contactIds,
    details: {
      linkIds: resetLinkIds,
      selectedLinkIds: selected.map((link) => link.id),
      includeOtherRows: Boolean(input.includeOtherRowsOfSameParents),
      resetAccountIds: accountIds,
      // What the agent's hourly budget counts (reset-limits.ts).
      coveredRows: links.length,
      ...(verification ? { verification } : {}),
      ...outcome,
    },
  });
  return outcome;
}

/** Throws an ActionFailure (after auditing it) when the reset exceeds the staff member's limits. */
export async function resetParentLogins(input: ResetParentLoginsInput): Promise<ResetOutcome> {
  // Generous timeout: a site admin's bulk reset of 10,000 rows is one transaction.
  const result = await prisma.$transaction((tx) => resetInTransaction(tx, input), { maxWait: 10_000, timeout: 120_000 });
  if ("refused" in result) throw new ActionFailure(result.refused.code, result.refused.message);
  metrics.resetRows.inc(result.resetRows);
  metrics.resetLogins.inc(result.resetLogins);
  return result;
}
