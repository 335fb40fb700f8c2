// The claim step every outbox worker shares (mail, SMS, back-channel logouts): the due rows
// nobody holds are leased for leaseMs and returned, and SKIP LOCKED lets several instances'
// workers claim side by side without taking the same row.
import { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";

/** PostgreSQL's clock, in UTC like every stored time: the workers of all instances agree on it. */
export const DB_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

export type OutboxTable = "EmailOutbox" | "SmsOutbox" | "OidcLogoutDelivery";

/** `returning` names the table's columns as `o."column"`; the lease comes back as `lease`. */
export function claimDueOutboxRows<Row>(table: OutboxTable, returning: Prisma.Sql, batchSize: number, leaseMs: number): Promise<Row[]> {
  const name = Prisma.raw(`"${table}"`);
  return prisma.$queryRaw<Row[]>`
    UPDATE ${name} AS o
    SET "lockedUntil" = ${DB_NOW} + make_interval(secs => ${leaseMs / 1000})
    FROM (
      SELECT id FROM ${name}
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${DB_NOW}
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${DB_NOW})
      ORDER BY "nextAttemptAt", id
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE o.id = due.id
    RETURNING ${returning}, o."lockedUntil"::text AS lease`;
}
