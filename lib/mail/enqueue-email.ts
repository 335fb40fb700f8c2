// Queues a mail in the caller's transaction: the mail exists if and only if the change that
// caused it commits. A row records what to send (template name, params, locale); the outbox
// worker (outbox-worker.ts) renders and sends it later, with retries. Small rows keep a bulk
// reset's thousands of notices cheap to write inside its transaction.
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AppLocale } from "@/lib/i18n/locales";
import { domainOf, loadDistrictMailSettings } from "@/lib/mail/district-mail-info";
import type { EmailTemplate } from "@/lib/mail/email-template";
import { findEmailTemplate } from "@/lib/mail/templates";
import { randomId } from "@/lib/security/random-secret";

export interface EmailRequest<Params> {
  to: string;
  locale: AppLocale;
  template: EmailTemplate<Params>;
  params: Params;
}

/** A globally unique Message-ID; the worker sends it as the header so retries are recognisable. */
export function newMessageId(senderAddress: string): string {
  return `<${randomId(18)}@${domainOf(senderAddress)}>`;
}

/** The outbox row for one request (exported for writers that insert on their own connection). */
export function outboxRow<Params>(request: EmailRequest<Params>, senderAddress: string) {
  const to = request.to.trim();
  if (!to.includes("@")) throw new Error("enqueueEmail: recipient address is not an email address");
  // The worker can only send what it can look up again: the very same template object.
  if (findEmailTemplate(request.template.name) !== (request.template as unknown)) {
    throw new Error(`enqueueEmail: template "${request.template.name}" is not registered in lib/mail/templates/index.ts`);
  }
  return {
    toAddress: to,
    template: request.template.name,
    params: request.params as Prisma.InputJsonValue,
    locale: request.locale,
    sensitive: request.template.sensitive,
    messageId: newMessageId(senderAddress),
    // Written by the app (UTC) like every other time the worker compares, whatever the
    // database session's time zone is.
    nextAttemptAt: new Date(),
  };
}

export async function enqueueEmail<Params>(tx: Tx, request: EmailRequest<Params>): Promise<{ id: number }> {
  const { senderAddress } = await loadDistrictMailSettings(tx);
  return tx.emailOutbox.create({ data: outboxRow(request, senderAddress), select: { id: true } });
}

const INSERT_CHUNK = 5_000;

/** Pairs a template with its params, type-checked, for `enqueueEmails`. */
export function emailRequest<Params>(request: EmailRequest<Params>): EmailRequest<unknown> {
  return request as EmailRequest<unknown>;
}

export type OutboxRow = ReturnType<typeof outboxRow>;

// One INSERT ... SELECT FROM unnest(arrays) per chunk: Prisma's createMany spends about
// 130 ms per 1,000 rows building its statement, this takes a few ms.
async function insertRows(tx: Tx, rows: OutboxRow[]): Promise<number> {
  const column = <T>(pick: (row: OutboxRow) => T) => rows.map(pick);
  return tx.$executeRaw`
    INSERT INTO "EmailOutbox" ("toAddress", template, params, locale, sensitive, "messageId", "nextAttemptAt")
    SELECT r.to_address, r.template, r.params::jsonb, r.locale::"Locale", r.sensitive, r.message_id,
           ${rows[0]!.nextAttemptAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    FROM unnest(${column((row) => row.toAddress)}::text[], ${column((row) => row.template)}::text[],
                ${column((row) => JSON.stringify(row.params))}::text[], ${column((row) => row.locale)}::text[],
                ${column((row) => row.sensitive)}::boolean[], ${column((row) => row.messageId)}::text[])
      AS r(to_address, template, params, locale, sensitive, message_id)`;
}

/**
 * Many mails at once (bulk resets): settings read once, rows inserted in large chunks.
 * Accepts requests for different templates (build each with `emailRequest` to keep the
 * template and its params type-checked together); returns how many rows were queued.
 */
export async function enqueueEmails(tx: Tx, requests: ReadonlyArray<EmailRequest<unknown>>): Promise<{ count: number }> {
  if (requests.length === 0) return { count: 0 };
  const { senderAddress } = await loadDistrictMailSettings(tx);
  const rows = requests.map((request) => outboxRow(request, senderAddress));
  let count = 0;
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) count += await insertRows(tx, rows.slice(start, start + INSERT_CHUNK));
  return { count };
}
