// The district's SMTP server during a load test: accepts every mail, keeps none, counts them,
// so the servers' outbox workers send as they would in production without a parser's CPU cost.
import { SMTPServer } from "smtp-server";
import { findFreePort } from "@/scripts/embedded-postgres";

export interface SmtpSink {
  url: string;
  delivered(): number;
  stop(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  let delivered = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("end", () => {
        delivered++;
        callback();
      });
      stream.resume();
    },
  });
  // A client that goes away mid-connection (a server stopping) is no failure of the sink.
  server.on("error", () => {});
  const port = await findFreePort(0);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered: () => delivered,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
