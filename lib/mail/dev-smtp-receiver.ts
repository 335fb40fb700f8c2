// The built-in SMTP receiver used when no SMTP_URL is configured: it accepts mail on
// 127.0.0.1 only and stores each message in DevMailMessage, which the console's Dev inbox
// shows, so a demo works end to end without a mail server.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import { simpleParser, type AddressObject } from "mailparser";
import { prisma } from "@/lib/db";

export interface DevSmtpReceiver {
  host: string;
  port: number;
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function addressText(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return "";
  return (Array.isArray(value) ? value : [value]).map((entry) => entry.text).join(", ");
}

/** Parses and stores one received message; throws so the sender sees a failure and retries. */
export async function storeDevMail(raw: Buffer, envelope: { from: string; to: string[] }): Promise<void> {
  const parsed = await simpleParser(raw);
  await prisma.devMailMessage.create({
    data: {
      fromAddress: addressText(parsed.from) || envelope.from,
      toAddress: envelope.to.join(", ") || addressText(parsed.to),
      subject: parsed.subject ?? "",
      textBody: parsed.text ?? "",
      htmlBody: typeof parsed.html === "string" ? parsed.html : null,
      messageId: parsed.messageId ?? null,
    },
  });
}

function createServer(): SMTPServer {
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: MAX_MESSAGE_BYTES,
    closeTimeout: 2000,
    banner: "Parent portal dev inbox",
    onData(stream, session, callback) {
      readAll(stream)
        .then((raw) => {
          if (stream.sizeExceeded) throw Object.assign(new Error("Message too large"), { responseCode: 552 });
          return storeDevMail(raw, {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          });
        })
        .then(() => callback())
        .catch((error: Error & { responseCode?: number }) => {
          console.error("[dev-smtp] could not store a message:", error.message);
          callback(Object.assign(new Error("Could not store the message, try again later"), { responseCode: error.responseCode ?? 451 }));
        });
    },
  });
  // A client dropping its connection must never take the app down. A busy port is
  // handled by the fallback in startDevSmtpReceiver.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE" && error.code !== "EACCES") console.error("[dev-smtp]", error.message);
  });
  return server;
}

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once("error", onError);
    server.server.listen(port, HOST, () => {
      server.server.removeListener("error", onError);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

/** Listens on DEV_SMTP_PORT (default 2525), or on a free port when that one is taken. */
export async function startDevSmtpReceiver(options: { port?: number } = {}): Promise<DevSmtpReceiver> {
  const wanted = options.port ?? Number(process.env.DEV_SMTP_PORT || 2525);
  let server = createServer();
  let port: number;
  try {
    port = await listen(server, wanted);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" && (error as NodeJS.ErrnoException).code !== "EACCES") throw error;
    server = createServer();
    port = await listen(server, 0);
    console.warn(`[dev-smtp] port ${wanted} is in use; receiving mail on ${HOST}:${port} instead`);
  }
  const running = server;
  return { host: HOST, port, stop: () => new Promise((resolve) => running.close(() => resolve())) };
}
