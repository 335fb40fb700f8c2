// The demo's SMS "phone": in demo mode without an SMS provider, messages are stored as
// DevSmsMessage rows and the console's Dev inbox shows them (like the built-in SMTP receiver
// for mail). Never used outside demo mode (sms-transport-config.ts decides).
import { prisma } from "@/lib/db";
import type { SmsMessage, SmsSendResult, SmsTransport } from "@/lib/sms/sms-transport";

export const DEV_SMS_SENDER = "+15005550006";

export function createDevSmsTransport(): SmsTransport {
  return {
    name: "dev-receiver",
    async send(message: SmsMessage): Promise<SmsSendResult> {
      const row = await prisma.devSmsMessage.create({
        data: { fromNumber: DEV_SMS_SENDER, toNumber: message.to, body: message.body },
        select: { id: true },
      });
      return { provider: "dev-receiver", providerMessageId: `DEV${row.id}` };
    },
  };
}

/** Newest first, last 24 hours, for the Dev inbox. */
export function listDevSmsMessages(limit = 50) {
  return prisma.devSmsMessage.findMany({
    where: { receivedAt: { gt: new Date(Date.now() - 24 * 60 * 60 * 1000) } },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
}
