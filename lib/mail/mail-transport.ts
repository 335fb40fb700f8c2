// Where mail goes: the SMTP server in SMTP_URL, or, in demo mode only, the built-in dev
// receiver (dev-smtp-receiver.ts) whose messages the console's Dev inbox shows. Outside demo
// mode a missing SMTP_URL is an error, never a silent capture of real parents' mail.
import nodemailer, { type Transporter } from "nodemailer";
import { isDemoMode } from "@/lib/config/demo-mode";
import { startDevSmtpReceiver, type DevSmtpReceiver } from "@/lib/mail/dev-smtp-receiver";

export type MailTransport = Transporter;

export const MISSING_SMTP_URL_MESSAGE =
  "SMTP_URL is not set: outside demo mode (DEMO_MODE=1) mail is only sent through a real SMTP server, e.g. SMTP_URL=smtps://user:password@smtp.district.org:465.";

/** True when a real SMTP server is configured (the Dev inbox then stays empty). */
export function isSmtpConfigured(): boolean {
  return Boolean(process.env.SMTP_URL?.trim());
}

/** A transport for an smtp:// or smtps:// URL, with timeouts short enough for a worker loop. */
export function createSmtpTransport(url: string, options: { ignoreTLS?: boolean } = {}): MailTransport {
  return nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ignoreTLS: options.ignoreTLS ?? false,
  } as nodemailer.TransportOptions);
}

// One receiver and one transport per process, also across dev-server module reloads.
const holder = globalThis as unknown as {
  mailTransportHolder?: { key: string; transport: MailTransport };
  devSmtpReceiver?: Promise<DevSmtpReceiver>;
};

/** Starts the dev receiver once per process (concurrent callers share the same start); demo mode only. */
export function ensureDevSmtpReceiver(): Promise<DevSmtpReceiver> {
  if (!isDemoMode()) return Promise.reject(new Error(MISSING_SMTP_URL_MESSAGE));
  if (!holder.devSmtpReceiver) {
    holder.devSmtpReceiver = startDevSmtpReceiver().catch((error: unknown) => {
      holder.devSmtpReceiver = undefined;
      throw error;
    });
  }
  return holder.devSmtpReceiver;
}

export async function getMailTransport(): Promise<MailTransport> {
  const smtpUrl = process.env.SMTP_URL?.trim();
  let key: string;
  let create: () => MailTransport;
  if (smtpUrl) {
    key = smtpUrl;
    create = () => createSmtpTransport(smtpUrl);
  } else {
    const receiver = await ensureDevSmtpReceiver();
    key = `dev:${receiver.port}`;
    // The receiver is local and plain-text by design: no STARTTLS to negotiate.
    create = () => createSmtpTransport(`smtp://${receiver.host}:${receiver.port}`, { ignoreTLS: true });
  }
  if (holder.mailTransportHolder?.key !== key) {
    holder.mailTransportHolder?.transport.close();
    holder.mailTransportHolder = { key, transport: create() };
  }
  return holder.mailTransportHolder.transport;
}

/** Closes the cached transport and stops the dev receiver, if this process started one. */
export async function closeMailTransport(): Promise<void> {
  holder.mailTransportHolder?.transport.close();
  holder.mailTransportHolder = undefined;
  const receiver = holder.devSmtpReceiver;
  holder.devSmtpReceiver = undefined;
  if (receiver) await (await receiver.catch(() => null))?.stop();
}
