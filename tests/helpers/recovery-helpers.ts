// Helpers shared by the Forgot Username / Forgot Password integration tests.
import { vi } from "vitest";
import { prisma } from "@/lib/db";
import { captureLogLines } from "./capture-logs";
import { renderQueuedEmail } from "./render-queued-email";

/** The code in the newest security-code mail queued for `address` (read before it is sent and erased). */
export async function queuedSecurityCode(address: string): Promise<string> {
  const row = await prisma.emailOutbox.findFirstOrThrow({
    where: { toAddress: address, template: "security-code" },
    orderBy: { id: "desc" },
  });
  return securityCodeIn((await renderQueuedEmail(row)).text);
}

/** The six digits after the first language's "...: " label of the code. */
export function securityCodeIn(text: string): string {
  const code = /:\s*(\d{6})\s*$/m.exec(text)?.[1];
  if (!code) throw new Error("no security code in the mail");
  return code;
}

/** Records everything written through console.* and the JSON log (at every level) while installed. */
export function captureConsole() {
  const logs = captureLogLines();
  const lines: string[] = [];
  const methods = ["log", "info", "warn", "error", "debug", "trace"] as const;
  const spies = methods.map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
    }),
  );
  return {
    text: () => [...lines, logs.text()].join("\n"),
    /** The JSON log lines alone. */
    logLines: () => logs.lines(),
    restore: () => {
      spies.forEach((spy) => spy.mockRestore());
      logs.restore();
    },
  };
}

/** Every audit row as text, to look for secrets in it. */
export async function auditTrailText(): Promise<string> {
  const rows = await prisma.auditEvent.findMany();
  return JSON.stringify(rows, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
}
