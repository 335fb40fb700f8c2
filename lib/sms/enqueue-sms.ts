// Queues a text message in the caller's transaction, like enqueueEmail: the message exists if
// and only if the change that caused it commits, and the answer to the browser never waits for
// the provider (so its timing says nothing about whether a number is registered).
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isE164 } from "@/lib/sms/phone-number";
import { SMS_TEMPLATES, type SmsTemplateName, type SmsTemplateParams } from "@/lib/sms/sms-templates";

export interface SmsRequest<Name extends SmsTemplateName> {
  /** E.164 number. */
  to: string;
  template: Name;
  params: SmsTemplateParams<Name>;
  /** Defaults to the template's own flag; a message carrying a code is always sensitive. */
  sensitive?: boolean;
}

export async function enqueueSms<Name extends SmsTemplateName>(tx: Tx, request: SmsRequest<Name>): Promise<{ id: number }> {
  const to = request.to.trim();
  if (!isE164(to)) throw new Error("enqueueSms: recipient is not an E.164 phone number");
  return tx.smsOutbox.create({
    data: {
      toNumber: to,
      template: request.template,
      params: request.params as unknown as Prisma.InputJsonValue,
      sensitive: request.sensitive ?? SMS_TEMPLATES[request.template].sensitive,
      // Written by the app (UTC) like every time the worker compares.
      nextAttemptAt: new Date(),
    },
    select: { id: true },
  });
}
