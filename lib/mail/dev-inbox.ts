// Read side of the console's Dev inbox: mail captured by the dev receiver and the state of
// the outbox queue, for demos and troubleshooting.
import { prisma } from "@/lib/db";

export const DEV_INBOX_PAGE_SIZE = 100;

export interface DevMessageSummary {
  id: number;
  toAddress: string;
  subject: string;
  receivedAt: Date;
}

/** The newest messages first, capped; `total` tells how many exist. */
export async function listDevMessages(limit = DEV_INBOX_PAGE_SIZE): Promise<{ messages: DevMessageSummary[]; total: number }> {
  const [messages, total] = await Promise.all([
    prisma.devMailMessage.findMany({
      select: { id: true, toAddress: true, subject: true, receivedAt: true },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: limit,
    }),
    prisma.devMailMessage.count(),
  ]);
  return { messages, total };
}

export function getDevMessage(id: number) {
  return prisma.devMailMessage.findUnique({ where: { id } });
}

export interface OutboxSummary {
  pending: number;
  /** Pending mails that already failed at least once and wait for their next attempt. */
  retrying: number;
  failed: number;
  sent: number;
  recentProblems: { id: number; toAddress: string; template: string; status: string; attempts: number; lastError: string | null; nextAttemptAt: Date }[];
}

export async function getOutboxSummary(): Promise<OutboxSummary> {
  const [counts, retrying, recentProblems] = await Promise.all([
    prisma.emailOutbox.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.emailOutbox.count({ where: { status: "PENDING", attempts: { gt: 0 } } }),
    prisma.emailOutbox.findMany({
      where: { OR: [{ status: "FAILED" }, { status: "PENDING", attempts: { gt: 0 } }] },
      select: { id: true, toAddress: true, template: true, status: true, attempts: true, lastError: true, nextAttemptAt: true },
      orderBy: { id: "desc" },
      take: 10,
    }),
  ]);
  const countOf = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  return { pending: countOf("PENDING"), retrying, failed: countOf("FAILED"), sent: countOf("SENT"), recentProblems };
}

/**
 * The captured HTML as an iframe document that can load nothing and run nothing, even if
 * the sandbox attribute were lost: a CSP that allows inline styles and data: images only.
 */
export function sandboxedSrcDoc(html: string): string {
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return `<!DOCTYPE html><html><head>${csp}</head><body>${html}</body></html>`;
  const at = head.index + head[0].length;
  return html.slice(0, at) + csp + html.slice(at);
}
