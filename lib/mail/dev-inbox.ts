// Read side of the console's Dev inbox: mail captured by the dev receiver and the state of
// the outbox queue, for demos and troubleshooting. Demo mode and site admins only (the page
// and the message route check both); captured mail older than a day is never shown.
import { prisma } from "@/lib/db";

export const DEV_INBOX_PAGE_SIZE = 100;
/** Captured mail older than this is not shown (and the retention job deletes it). */
export const DEV_MAIL_MAX_AGE_MS = 24 * 60 * 60 * 1000;

function recentOnly(now = Date.now()) {
  return { receivedAt: { gt: new Date(now - DEV_MAIL_MAX_AGE_MS) } };
}

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
      where: recentOnly(),
      select: { id: true, toAddress: true, subject: true, receivedAt: true },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: limit,
    }),
    prisma.devMailMessage.count({ where: recentOnly() }),
  ]);
  return { messages, total };
}

export function getDevMessage(id: number) {
  return prisma.devMailMessage.findFirst({ where: { id, ...recentOnly() } });
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
