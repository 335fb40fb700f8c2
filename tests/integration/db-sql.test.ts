// sqlRows (lib/db-sql.ts) reads what $queryRaw reads: a `timestamp` column is the same instant
// whatever the process's time zone (pg alone would read it as local time), a Date sent as a
// value lands as Prisma would store it, and text, int, boolean and array columns come back
// alike.
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { sqlRows } from "@/lib/db-sql";
import { Prisma } from "@/lib/generated/prisma/client";

const zone = process.env.TZ;

afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("sqlRows", () => {
  it.each(["America/Los_Angeles", "Asia/Kolkata", "UTC"])("reads timestamps and sends Dates as $queryRaw does, in %s", async (timeZone) => {
    process.env.TZ = timeZone;
    const expiresAt = new Date("2031-03-09T10:11:12.345Z");
    const session = await prisma.authSession.create({ data: { id: `db-sql-${timeZone}`, expiresAt } });
    const query = Prisma.sql`SELECT id, "expiresAt", "lastSeenAt", "expiresAt" = ${expiresAt} AS "sameInstant",
      ARRAY[id, 'x'] AS labels, 7::int AS seven, true AS yes FROM "AuthSession" WHERE id = ${session.id}`;
    const [raw] = await sqlRows<Record<string, unknown>>(query);
    const [viaPrisma] = await prisma.$queryRaw<Record<string, unknown>[]>(query);
    expect(raw).toEqual(viaPrisma);
    expect((raw!.expiresAt as Date).toISOString()).toBe("2031-03-09T10:11:12.345Z");
    expect(raw!.sameInstant).toBe(true);
    expect(raw).toMatchObject({ labels: [session.id, "x"], seven: 7, yes: true });
  });
});
