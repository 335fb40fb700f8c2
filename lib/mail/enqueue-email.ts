// Queues a mail in the caller's transaction: the mail exists if and only if the change that
// caused it commits. The outbox worker (outbox-worker.ts) sends it later, with retries.
import type { Tx } from "@/lib/db";
import type { AppLocale } from "@/lib/i18n/locales";
import { composeEmail } from "@/lib/mail/compose-email";
import { domainOf, loadDistrictMailSettings, type DistrictMailSettings } from "@/lib/mail/district-mail-info";
import type { EmailTemplate } from "@/lib/mail/email-template";
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

function outboxRow<Params>(request: EmailRequest<Params>, district: DistrictMailSettings) {
  const to = request.to.trim();
  if (!to.includes("@")) throw new Error("enqueueEmail: recipient address is not an email address");
  const composed = composeEmail(request.template, request.locale, request.params, district);
  return {
    toAddress: to,
    subject: composed.subject,
    textBody: composed.text,
    htmlBody: composed.html,
    template: request.template.name,
    locale: request.locale,
    sensitive: request.template.sensitive,
    messageId: newMessageId(district.senderAddress),
    // Written by the app (UTC) like every other time the worker compares, whatever the
    // database session's time zone is.
    nextAttemptAt: new Date(),
  };
}

export async function enqueueEmail<Params>(tx: Tx, request: EmailRequest<Params>): Promise<{ id: number }> {
  const district = await loadDistrictMailSettings(tx);
  const row = await tx.emailOutbox.create({ data: outboxRow(request, district), select: { id: true } });
  return row;
}

const INSERT_CHUNK = 500;

/** Pairs a template with its params, type-checked, for `enqueueEmails`. */
export function emailRequest<Params>(request: EmailRequest<Params>): EmailRequest<unknown> {
  return request as EmailRequest<unknown>;
}

/**
 * Many mails at once (bulk resets): settings read once, rows inserted in chunks.
 * Accepts requests for different templates (build each with `emailRequest` to keep the
 * template and its params type-checked together); returns how many rows were queued.
 */
export async function enqueueEmails(tx: Tx, requests: ReadonlyArray<EmailRequest<unknown>>): Promise<{ count: number }> {
  if (requests.length === 0) return { count: 0 };
  const district = await loadDistrictMailSettings(tx);
  let count = 0;
  for (let start = 0; start < requests.length; start += INSERT_CHUNK) {
    const data = requests.slice(start, start + INSERT_CHUNK).map((request) => outboxRow(request, district));
    count += (await tx.emailOutbox.createMany({ data })).count;
  }
  return { count };
}
