// Started once per server process by instrumentation.ts: the outbox worker (whose loop also
// runs the retention job and sends the SMS outbox) and, in demo mode without SMTP_URL, the built-in SMTP receiver.
// Outside demo mode no process captures mail: without SMTP_URL the mail stays queued (and
// `npm start` refuses to start at all).
import { isDemoMode } from "@/lib/config/demo-mode";
import { ensureDevSmtpReceiver, isSmtpConfigured, MISSING_SMTP_URL_MESSAGE } from "@/lib/mail/mail-transport";
import { startOutboxWorker } from "@/lib/mail/outbox-worker";
import { retentionJob } from "@/lib/ops/retention-job";
import { removedLoginsJob } from "@/lib/roster/disable-removed-logins";
import { smsOutboxJob } from "@/lib/sms/sms-outbox-worker";
import { isSmsProviderConfigured, missingSmsConfigMessage } from "@/lib/sms/sms-transport-config";

const holder = globalThis as unknown as { mailServicesStarted?: boolean };

export async function startMailServices(): Promise<void> {
  if (holder.mailServicesStarted) return;
  holder.mailServicesStarted = true;
  if (process.env.OUTBOX_WORKER === "off") {
    console.log("[mail] outbox worker disabled (OUTBOX_WORKER=off)");
    return;
  }
  if (!isSmtpConfigured()) {
    if (!isDemoMode()) {
      // Not started at all: a worker would only burn the queued mails' attempts.
      console.error(`[mail] ${MISSING_SMTP_URL_MESSAGE} Mail stays queued in the outbox until SMTP_URL is set.`);
      return;
    }
    try {
      const receiver = await ensureDevSmtpReceiver();
      console.log(`[mail] demo mode without SMTP_URL: mail goes to the console's Dev inbox (receiver on ${receiver.host}:${receiver.port})`);
    } catch (error) {
      // The worker retries with backoff; the app itself must still come up.
      console.error("[mail] could not start the dev SMTP receiver:", (error as Error).message);
    }
  }
  if (isSmsProviderConfigured()) console.log("[sms] text messages go through the SMS provider (SMS_TWILIO_*)");
  else if (isDemoMode()) console.log("[sms] demo mode without an SMS provider: text messages go to the console's Dev inbox");
  else console.error(`[sms] ${missingSmsConfigMessage()}`);
  startOutboxWorker({ jobs: [retentionJob(), removedLoginsJob(), smsOutboxJob()] });
}
