// Started once per server process by instrumentation.ts: the outbox worker (whose loop also
// runs the retention job, sends the SMS outbox and the apps' back-channel logouts) and, in demo mode without SMTP_URL, the built-in SMTP receiver.
// Outside demo mode no process captures mail: without SMTP_URL the mail stays queued (and
// `npm start` refuses to start at all).
import { isDemoMode } from "@/lib/config/demo-mode";
import { ensureDevSmtpReceiver, isSmtpConfigured, MISSING_SMTP_URL_MESSAGE } from "@/lib/mail/mail-transport";
import { startOutboxWorker } from "@/lib/mail/outbox-worker";
import { logger } from "@/lib/ops/logger";
import { oidcPurgeJob } from "@/lib/oidc/adapter";
import { retentionJob } from "@/lib/ops/retention-job";
import { workerOff } from "@/lib/ops/worker-heartbeat";
import { removedLoginsJob } from "@/lib/roster/disable-removed-logins";
import { smsOutboxJob } from "@/lib/sms/sms-outbox-worker";
import { logoutDeliveryJob } from "@/lib/oidc/logout-delivery-worker";
import { isSmsProviderConfigured, missingSmsConfigMessage } from "@/lib/sms/sms-transport-config";

const holder = globalThis as unknown as { mailServicesStarted?: boolean };

export async function startMailServices(): Promise<void> {
  if (holder.mailServicesStarted) return;
  holder.mailServicesStarted = true;
  if (process.env.OUTBOX_WORKER === "off") {
    logger.info({ job: "outbox" }, "outbox worker disabled (OUTBOX_WORKER=off)");
    workerOff("outbox", "OUTBOX_WORKER=off");
    return;
  }
  if (!isSmtpConfigured()) {
    if (!isDemoMode()) {
      // Not started at all: a worker would only burn the queued mails' attempts.
      logger.error({ job: "outbox" }, `${MISSING_SMTP_URL_MESSAGE} Mail stays queued in the outbox until SMTP_URL is set.`);
      workerOff("outbox", "SMTP_URL is not set");
      return;
    }
    try {
      const receiver = await ensureDevSmtpReceiver();
      logger.info({ job: "outbox", receiver: `${receiver.host}:${receiver.port}` }, "demo mode without SMTP_URL: mail goes to the console's Dev inbox");
    } catch (error) {
      // The worker retries with backoff; the app itself must still come up.
      logger.error({ job: "outbox", err: error }, "could not start the dev SMTP receiver");
    }
  }
  if (isSmsProviderConfigured()) logger.info({ job: "sms-outbox" }, "text messages go through the SMS provider (SMS_TWILIO_*)");
  else if (isDemoMode()) logger.info({ job: "sms-outbox" }, "demo mode without an SMS provider: text messages go to the console's Dev inbox");
  else logger.error({ job: "sms-outbox" }, missingSmsConfigMessage());
  startOutboxWorker({ jobs: [retentionJob(), removedLoginsJob(), smsOutboxJob(), oidcPurgeJob(), logoutDeliveryJob()] });
}
