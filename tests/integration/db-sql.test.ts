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

  it("refuses a column it would read otherwise than $queryRaw, and a timestamp it cannot read", async () => {
    // int8 (pg: a string; Prisma: a BigInt), an enum (raw text) and json: cast them instead.
    await expect(sqlRows(Prisma.sql`SELECT count(*) AS n FROM "AuthSession"`)).rejects.toThrow(/oid 20,.*cast it/);
    await expect(sqlRows(Prisma.sql`SELECT 'ACTIVE'::"AccountStatus" AS status`)).rejects.toThrow(/cast it/);
    await expect(sqlRows(Prisma.sql`SELECT '{}'::jsonb AS j`)).rejects.toThrow(/cast it/);
    expect(await sqlRows(Prisma.sql`SELECT count(*)::int AS n, 'ACTIVE'::"AccountStatus"::text AS status`)).toEqual([{ n: expect.any(Number), status: "ACTIVE" }]);
    // An expiry read as Invalid Date would compare as never expired.
    await expect(sqlRows(Prisma.sql`SELECT 'infinity'::timestamp AS "expiresAt"`)).rejects.toThrow(/unreadable timestamp/);
  });

  it("sends Dates inside array parameters as UTC, as single ones", async () => {
    process.env.TZ = "America/Los_Angeles";
    const at = new Date("2031-03-09T10:11:12.345Z");
    const [row] = await sqlRows<{ same: boolean }>(Prisma.sql`SELECT (${[at]}::timestamp(3)[])[1] = ${at}::timestamp(3) AS same`);
    expect(row).toEqual({ same: true });
  });

  it("runs a prepared statement again with other values, on every connection of the pool, and reads it alike", async () => {
    const expiresAt = new Date("2032-01-02T03:04:05.678Z");
    const ids = ["db-sql-prepared-1", "db-sql-prepared-2", "db-sql-prepared-3"];
    for (const id of ids) await prisma.authSession.create({ data: { id, expiresAt } });
    const read = (id: string) =>
      sqlRows<{ id: string; expiresAt: Date }>(Prisma.sql`SELECT id, "expiresAt" FROM "AuthSession" WHERE id = ${id}`, { preparedAs: "db-sql-test" });
    // Concurrent reads take several connections: each parses the statement once, then reuses it.
    const rounds = await Promise.all(Array.from({ length: 12 }, (_, i) => read(ids[i % ids.length]!)));
    rounds.forEach((rows, i) => expect(rows).toEqual([{ id: ids[i % ids.length], expiresAt }]));
    expect(await read("no-such-session")).toEqual([]);
    const [statements] = await sqlRows<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'db-sql-test-%'`);
    // Twelve reads at once took every connection of the pool (4 in tests): whichever runs this query
    // holds the statement, parsed once on the server.
    expect(statements!.n).toBe(1);
  });

  it("runs the web app's statements without parallel workers or JIT", async () => {
    const [settings] = await sqlRows<{ workers: string; jit: string }>(
      Prisma.sql`SELECT current_setting('max_parallel_workers_per_gather') AS workers, current_setting('jit') AS jit`,
    );
    expect(settings).toEqual({ workers: "0", jit: "off" });
    // Prisma's statements share the pool.
    const [viaPrisma] = await prisma.$queryRaw<{ workers: string }[]>`SELECT current_setting('max_parallel_workers_per_gather') AS workers`;
    expect(viaPrisma).toEqual({ workers: "0" });
  });
});
