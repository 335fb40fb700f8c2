// A real SMTP server for tests: listens on a free port of 127.0.0.1, parses every mail it
// accepts, and can refuse the next K deliveries (451/421 on DATA) to simulate an outage, or
// answer each DATA only after a delay to simulate a slow server.
//
//   const smtp = await startSmtpCapture();
//   await processOutboxBatch({ transport: createSmtpTransport(smtp.url) });
//   const [mail] = await smtp.waitForMessages(1);
//   const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
//   await smtp.stop();
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import { simpleParser } from "mailparser";

export interface CapturedMail {
  /** Envelope sender and recipients (what the SMTP client said, not the headers). */
  envelopeFrom: string;
  envelopeTo: string[];
  /** The name the client gave in EHLO/HELO (nodemailer's `name` option; lower case). */
  clientName: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  headers: Map<string, unknown>;
  raw: string;
}

export interface SmtpCaptureOptions {
  /** Fixed port (e.g. to restart on the same one after `stop`); default: a free port. */
  port?: number;
  /** Refuse this many DATA commands before accepting again. */
  failNext?: number;
  /** Reply code for refused deliveries: 451 (temporary, default) or 421 (closing). */
  failCode?: number;
  /** Wait this long after receiving each mail before accepting it (a slow server). */
  acceptDelayMs?: number;
}

export interface SmtpCapture {
  host: string;
  port: number;
  /** smtp://127.0.0.1:port, for SMTP_URL or createSmtpTransport. */
  url: string;
  /** Every accepted mail, in arrival order. */
  messages: CapturedMail[];
  /** How many deliveries were refused because of failNext. */
  refused: number;
  /** Refuse the next `count` deliveries with `code`. */
  failNext(count: number, code?: number): void;
  /** Resolves once at least `count` mails arrived (all accepted mails so far). */
  waitForMessages(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** Resolves with the first accepted mail to `address` (case-insensitive) matching `where`. */
  waitForMessageTo(address: string, options?: { timeoutMs?: number; where?: (mail: CapturedMail) => boolean }): Promise<CapturedMail>;
  clear(): void;
  stop(): Promise<void>;
}

async function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function addressText(value: unknown): string {
  if (!value) return "";
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry: { text?: string }) => entry.text ?? "").join(", ");
}

export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const waiters = new Set<() => void>();
  let toRefuse = options.failNext ?? 0;
  let refuseCode = options.failCode ?? 451;

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    closeTimeout: 500,
    onData(stream, session, callback) {
      readStream(stream)
        .then(async (raw) => {
          if (options.acceptDelayMs) await new Promise((resolve) => setTimeout(resolve, options.acceptDelayMs));
          if (toRefuse > 0) {
            toRefuse -= 1;
            capture.refused += 1;
            const error = Object.assign(new Error("Service temporarily unavailable (test)"), { responseCode: refuseCode });
            callback(error);
            return;
          }
          const parsed = await simpleParser(raw);
          messages.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            clientName: session.hostNameAppearsAs || "",
            from: addressText(parsed.from),
            to: addressText(parsed.to),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : null,
            messageId: parsed.messageId ?? null,
            headers: parsed.headers as Map<string, unknown>,
            raw: raw.toString("utf8"),
          });
          callback();
          for (const wake of [...waiters]) wake();
        })
        .catch((error: Error) => callback(error));
    },
  });

  const host = "127.0.0.1";
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
  // Client disconnects mid-session are normal in outage tests; never crash the test process.
  server.on("error", () => {});

  function waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return false;
        waiters.delete(attempt);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(attempt);
        reject(new Error(`SMTP capture: timed out after ${timeoutMs} ms waiting for ${what} (have ${messages.length})`));
      }, timeoutMs);
      if (!attempt()) waiters.add(attempt);
    });
  }

  const capture: SmtpCapture = {
    host,
    port,
    url: `smtp://${host}:${port}`,
    messages,
    refused: 0,
    failNext(count, code = 451) {
      toRefuse = count;
      refuseCode = code;
    },
    waitForMessages(count, timeoutMs = 15_000) {
      return waitUntil(() => (messages.length >= count ? [...messages] : undefined), timeoutMs, `${count} message(s)`);
    },
    waitForMessageTo(address, { timeoutMs = 15_000, where } = {}) {
      const wanted = address.toLowerCase();
      return waitUntil(
        () =>
          messages.find(
            (mail) => mail.envelopeTo.some((rcpt) => rcpt.toLowerCase() === wanted) && (!where || where(mail)),
          ),
        timeoutMs,
        `a message to ${address}`,
      );
    },
    clear() {
      messages.length = 0;
    },
    stop() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return capture;
}
