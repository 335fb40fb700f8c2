// Audit events are written inside the transaction of the change they describe, with the id of
// the HTTP request behind them (lib/ops/request-context.ts), so an event leads to its log lines.
import type { Tx } from "@/lib/db";
import { prisma } from "@/lib/db";
import type { ActorType } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { currentRequestId } from "@/lib/ops/request-context";

export interface Actor {
  type: ActorType;
  id?: number | null;
  label?: string | null;
  ip?: string | null;
}

export interface AuditEventInput {
  actor: Actor;
  action: string;
  contactIds?: number[];
  /** Never put a password, code or token here. */
  details?: Record<string, unknown>;
}

export async function recordAuditEvent(db: Tx | typeof prisma, event: AuditEventInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorType: event.actor.type,
      actorId: event.actor.id ?? null,
      actorLabel: event.actor.label ?? null,
      ip: event.actor.ip ?? null,
      action: event.action,
      contactIds: event.contactIds ?? [],
      details: (event.details ?? {}) as Prisma.InputJsonValue,
      requestId: currentRequestId(),
    },
  });
}
