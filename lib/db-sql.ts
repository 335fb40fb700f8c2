// Raw SQL on the Prisma client's pg pool, for the few reads every request makes (the session,
// the grid's search, the district settings). Prisma's $queryRaw runs each statement through its
// client and WebAssembly query compiler, several times the CPU of the query itself; here a
// statement built with Prisma.sql goes to pg as it is. Values come back as $queryRaw returns
// them for the types these reads use: a `timestamp` column (Prisma stores DateTime as UTC
// without a zone) as a Date in UTC, whatever the process's time zone; int4, text, boolean and
// arrays of them as pg reads them. Not for int8, numeric or json columns (cast them).
import pg from "pg";
import { databasePool } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

const TIMESTAMP_OID = 1114;

/** A `timestamp` (ISO DateStyle, as pg-types assumes too) read as UTC, not as local time. */
function parseUtcTimestamp(value: string): Date {
  return new Date(`${value.replace(" ", "T")}Z`);
}

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? parseUtcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A Date goes out as its UTC time, as Prisma sends it: pg would send the local time with its offset. */
function parameter(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

export async function sqlRows<Row>(query: Prisma.Sql): Promise<Row[]> {
  const result = await databasePool().query({ text: query.text, values: query.values.map(parameter), types });
  return result.rows as Row[];
}
