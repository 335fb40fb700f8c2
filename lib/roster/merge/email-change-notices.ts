// The SIS changed the e-mail on the record of a parent who has a working login: that address is
// where usernames and security codes go, so a changed address is a takeover path. Each change
// is audited and announced to the old address and the new one, in the import's transaction.
import type pg from "pg";
import { maskEmail } from "@/lib/accounts/mask-email";
import type { AppLocale } from "@/lib/i18n/locales";
import { emailRequest, outboxRow, type OutboxRow } from "@/lib/mail/enqueue-email";
import { contactEmailChanged } from "@/lib/mail/templates/contact-email-changed";
import type { RosterActor } from "../import-roster-types";

type EmailChange = { contact_id: number; old_email: string | null; new_email: string | null; username: string; locale: AppLocale };

async function insertOutboxRows(client: pg.ClientBase, rows: OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: OutboxRow) => T) => rows.map(pick);
  await client.query(
    `INSERT INTO "EmailOutbox" ("toAddress", template, params, locale, sensitive, "messageId", "nextAttemptAt")
     SELECT r.to_address, r.template, r.params::jsonb, r.locale::"Locale", r.sensitive, r.message_id, localtimestamp
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[])
       AS r(to_address, template, params, locale, sensitive, message_id)`,
    [
      column((row) => row.toAddress),
      column((row) => row.template),
      column((row) => JSON.stringify(row.params)),
      column((row) => row.locale),
      column((row) => row.sensitive),
      column((row) => row.messageId),
    ],
  );
}

/** Returns how many contacts' addresses changed under a working login. */
export async function sendEmailChangeNotices(client: pg.ClientBase, actor: RosterActor, senderAddress: string): Promise<number> {
  const { rows: changes } = await client.query<EmailChange>(`
    SELECT p.id AS contact_id, p.old_email, p.email AS new_email, pa.username, p.locale
    FROM plan_contact p JOIN "ParentAccount" pa ON pa."contactId" = p.id
    WHERE p.action IN ('change', 'restore') AND p.email IS DISTINCT FROM p.old_email
      AND pa.status <> 'RESET' AND pa."disabledAt" IS NULL
    ORDER BY p.id`);
  if (changes.length === 0) return 0;
  const outbox = changes.flatMap((change) => {
    const params = { username: change.username, newAddressHint: change.new_email ? maskEmail(change.new_email) : "—" };
    const to = [change.old_email, change.new_email].filter((address): address is string => Boolean(address?.includes("@")));
    return to.map((address) => outboxRow(emailRequest({ to: address, locale: change.locale, template: contactEmailChanged, params }), senderAddress));
  });
  await insertOutboxRows(client, outbox);
  await client.query(
    `INSERT INTO "AuditEvent" ("actorType", "actorId", "actorLabel", action, "contactIds", details)
     SELECT $1::"ActorType", $2::int, $3, 'roster.contact-email-change', ARRAY[c.contact_id],
            jsonb_build_object('oldEmail', c.old_email, 'newEmail', c.new_email, 'noticeSent', true)
     FROM unnest($4::int[], $5::text[], $6::text[]) AS c(contact_id, old_email, new_email)`,
    [
      actor.type,
      actor.type === "STAFF" ? actor.staffUserId : null,
      actor.label,
      changes.map((change) => change.contact_id),
      changes.map((change) => change.old_email),
      changes.map((change) => change.new_email),
    ],
  );
  return changes.length;
}
