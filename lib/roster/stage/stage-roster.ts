// Loads the package's rows into temporary tables with COPY (one streamed statement per file,
// no row-by-row inserts), so the merge can compare the whole roster with the stored one in a
// few set-based statements. The tables live in the import's transaction and vanish with it.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { parentSearchKey } from "@/lib/text/fold-name";
import type { Roster } from "../open-roster";
import type { RosterSchool, RosterUser } from "../roster-records";
import { copyLine } from "./copy-text";

const ROWS_PER_BATCH = 500;
// The order of userLine's values; `rejected` is left to its default.
const USER_COLUMNS = `roster_user (sourced_id, kind, given_name, family_name, email, phone, grade, org_ids, agent_ids,
  student_number, relationship, language, status, line, parent_key)`;

export async function createStagingTables(client: pg.ClientBase): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE roster_org (
      sourced_id text NOT NULL, name text NOT NULL, identifier text, status text NOT NULL, line int NOT NULL
    ) ON COMMIT DROP`);
  // kind: student | parent | guardian | relative | other | NULL (1.2 delta without a roles row).
  // rejected: set by the checks (lib/roster/merge/check-staged-users.ts); such rows are not merged.
  await client.query(`
    CREATE TEMP TABLE roster_user (
      sourced_id text NOT NULL, kind text, given_name text NOT NULL, family_name text NOT NULL,
      email text, phone text, grade text NOT NULL, org_ids text[] NOT NULL, agent_ids text[] NOT NULL,
      student_number text, relationship text, language text, status text NOT NULL, line int NOT NULL,
      parent_key text NOT NULL, rejected boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP`);
  // Rows the reader rejected but whose sourcedId it could read: a bulk import must not treat
  // them as gone (a typo in one row must not remove a family).
  await client.query(`CREATE TEMP TABLE roster_rejected_id (file text NOT NULL, sourced_id text NOT NULL) ON COMMIT DROP`);
  // users.csv lines naming someone with no row in the file: the only rows that can hold a dangling id.
  await client.query(`CREATE TEMP TABLE roster_outside_agent_line (line int PRIMARY KEY) ON COMMIT DROP`);
}

export async function stageOutsideAgentLines(client: pg.ClientBase, lines: readonly number[]): Promise<void> {
  if (lines.length > 0) await client.query(`INSERT INTO roster_outside_agent_line SELECT unnest($1::int[])`, [lines]);
  await client.query(`ANALYZE roster_outside_agent_line`);
}

export async function stageRejectedIds(client: pg.ClientBase, rejected: readonly { file: string; sourcedId: string }[]): Promise<void> {
  if (rejected.length > 0) {
    await client.query(`INSERT INTO roster_rejected_id SELECT * FROM unnest($1::text[], $2::text[])`, [
      rejected.map((row) => row.file),
      rejected.map((row) => row.sourcedId),
    ]);
  }
  await client.query(`CREATE INDEX ON roster_rejected_id (sourced_id)`);
}

function schoolLine(school: RosterSchool): string {
  return copyLine([school.sourcedId, school.name, school.identifier, school.status, school.line]);
}

function userLine(user: RosterUser): string {
  // Only students and family members are kept whole; anyone else is staged by id and kind, so
  // an agentSourcedIds entry naming a teacher is recognised (dropped quietly, not "dangling").
  const family = user.kind !== "other";
  return copyLine([
    user.sourcedId,
    user.kind,
    family ? user.givenName : "",
    family ? user.familyName : "",
    family ? user.email : null,
    family ? (user.phone ?? user.sms) : null,
    family ? (user.grades[0] ?? "") : "",
    family ? user.orgSourcedIds : [],
    family ? user.agentSourcedIds : [],
    user.studentNumber,
    user.relationship,
    user.language,
    user.status,
    user.line,
    family ? parentSearchKey(user.familyName, user.givenName) : "",
  ]);
}

/** Turns batches of rows into chunks of COPY text, counting them for the progress bar. */
async function* copyChunks<T>(batches: AsyncIterable<T[]>, toLine: (row: T) => string, onRows: (count: number) => void) {
  for await (const rows of batches) {
    let chunk = "";
    for (const row of rows) chunk += toLine(row);
    yield chunk;
    onRows(rows.length);
  }
}

async function* inBatches<T>(rows: AsyncIterable<T>): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === ROWS_PER_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

async function copyInto<T>(client: pg.ClientBase, target: string, batches: AsyncIterable<T[]>, toLine: (row: T) => string, onRows: (count: number) => void) {
  const copy = client.query(copyFrom(`COPY ${target} FROM STDIN (FORMAT text)`));
  await pipeline(Readable.from(copyChunks(batches, toLine, onRows)), copy);
}

/** Reads the package once, file by file, straight into roster_org and roster_user. */
export async function stageRoster(client: pg.ClientBase, roster: Roster, onRows: (count: number) => void): Promise<void> {
  await createStagingTables(client);
  await copyInto(client, "roster_org", inBatches(roster.schools()), schoolLine, onRows);
  await copyInto(client, USER_COLUMNS, roster.userBatches(), userLine, onRows);
  // The merge joins on sourcedId both ways; without statistics and indexes PostgreSQL guesses
  // badly on a million rows.
  await client.query(`CREATE INDEX ON roster_user (sourced_id)`);
  await client.query(`ANALYZE roster_org`);
  await client.query(`ANALYZE roster_user`);
}
