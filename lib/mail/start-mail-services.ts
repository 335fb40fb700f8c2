// Started once per server process by instrumentation.ts: the dev SMTP receiver (only when
// no SMTP_URL is configured) and the outbox worker, whose loop also runs the retention job.
import { ensureDevSmtpReceiver, isSmtpConfigured } from "@/lib/mail/mail-transport";
import { startOutboxWorker } from "@/lib/mail/outbox-worker";
import { retentionJob } from "@/lib/ops/retention-job";

const holder = globalThis as unknown as { mailServicesStarted?: boolean };

export async function startMailServices(): Promise<void> {
  if (holder.mailServicesStarted) return;
  holder.mailServicesStarted = true;
  if (process.env.OUTBOX_WORKER === "off") {
    console.log("[mail] outbox worker disabled (OUTBOX_WORKER=off)");
    return;
  }
  if (!isSmtpConfigured()) {
    try {
      const receiver = await ensureDevSmtpReceiver();
      console.log(`[mail] no SMTP_URL: mail goes to the console's Dev inbox (receiver on ${receiver.host}:${receiver.port})`);
    } catch (error) {
      // The worker retries with backoff; the app itself must still come up.
      console.error("[mail] could not start the dev SMTP receiver:", (error as Error).message);
    }
  }
  startOutboxWorker({ jobs: [retentionJob()] });
}
