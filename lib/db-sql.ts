// Raw SQL on the Prisma client's pg pool, for the few reads every request makes (the session,
// the grid's search, the district settings). Prisma's $queryRaw runs each statement through its
// client and WebAssembly query compiler, several times the CPU of the query itself; here a
// statement built with Prisma.sql goes to pg as it is. Values come back as $queryRaw returns
// them for the types these reads use: a `timestamp` column (Prisma stores DateTime as UTC
// without a zone) as a Date in UTC, whatever the process's time zone; int4, text, boolean and
// arrays of them as pg reads them. Not for int8, numeric or json columns (cast them).
import { createHash } from "node:crypto";
import pg from "pg";
import { databasePool } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

const TIMESTAMP_OID = 1114;
// The types these reads return, read as $queryRaw reads them: bool, int2, int4, text, varchar,
// uuid and their arrays (timestamp apart). Anything else (int8 as a string, numeric, json, an
// enum or an array of enums as raw text) would come back in another shape than Prisma's: a
// statement returning one fails loudly instead (cast it, e.g. count(*)::int, status::text).
const READ_AS_PG_DOES = new Set([16, 21, 23, 25, 1043, 2950, 1000, 1005, 1007, 1009, 1015, 2951]);

/** A `timestamp` (ISO DateStyle, as pg-types assumes too) read as UTC, not as local time. */
function parseUtcTimestamp(value: string): Date {
  return new Date(`${value.replace(" ", "T")}Z`);
}

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? parseUtcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Checked once the rows are in (a parser that throws would break pg's connection): every column
 * of a type read as $queryRaw reads it, and every timestamp readable: an expiry read as Invalid
 * Date (`infinity`, another DateStyle) would compare as never expired.
 */
function assertReadAsPrismaWould(result: pg.QueryResult): void {
  for (const field of result.fields) {
    if (field.dataTypeID === TIMESTAMP_OID) {
      for (const row of result.rows as Record<string, unknown>[]) {
        const value = row[field.name];
        if (value instanceof Date && Number.isNaN(value.getTime())) throw new Error(`sqlRows: unreadable timestamp in ${field.name} (DateStyle must be ISO)`);
      }
    } else if (!READ_AS_PG_DOES.has(field.dataTypeID)) {
      throw new Error(`sqlRows: column ${field.name} has type oid ${field.dataTypeID}, which would not read as $queryRaw reads it; cast it`);
    }
  }
}

/** A Date goes out as its UTC time, as Prisma sends it: pg would send the local time with its offset (in arrays too). */
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return Array.isArray(value) ? value.map(parameter) : value;
}

/**
 * `preparedAs` (a name prefix): for a statement whose few shapes repeat with other values, run
 * often. Each connection then parses and plans each shape once (PostgreSQL keeps a generic plan
 * when it costs no more than a custom one): planning the grid's 6-table row read cost as much
 * as running it. Not for a statement whose plan depends on its values (a LIKE prefix needs the
 * pattern). Each distinct text gets its own name (pg refuses one name for two texts on a
 * connection, which an edited statement in a reloaded dev server would otherwise meet).
 */
export async function sqlRows<Row>(query: Prisma.Sql, options: { preparedAs?: string } = {}): Promise<Row[]> {
  const name = options.preparedAs ? preparedStatementName(options.preparedAs, query.text) : undefined;
  const result = await databasePool().query({ name, text: query.text, values: query.values.map(parameter), types });
  assertReadAsPrismaWould(result);
  return result.rows as Row[];
}

/** A prepared statement's name: the prefix and a hash of the text (132 bits: no collisions). */
function preparedStatementName(prefix: string, text: string): string {
  return `${prefix}-${createHash("sha256").update(text).digest("base64url").slice(0, 22)}`;
}
