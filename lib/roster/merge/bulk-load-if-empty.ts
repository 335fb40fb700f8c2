// A district's first import fills empty tables with millions of rows. Maintaining btrees row by
// row in random key order, and checking each row's foreign keys one by one (a lookup and a row
// lock on the parent per row), costs several times what building the indexes once and
// validating each foreign key with one join costs. So for a table that is empty when the load
// starts, its secondary indexes and foreign keys are dropped and created again from their own
// definitions after it, inside the import's transaction (a dry run or a failure rolls the drop
// back with everything else; the empty table is locked meanwhile, which nobody notices).
import type pg from "pg";

type Definition = { name: string; definition: string };

async function secondaryIndexes(client: pg.ClientBase, table: string): Promise<Definition[]> {
  const { rows } = await client.query<Definition>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = to_regclass(format('%I', $1::text)) AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    [table],
  );
  return rows;
}

async function foreignKeys(client: pg.ClientBase, table: string): Promise<Definition[]> {
  const { rows } = await client.query<Definition>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = to_regclass(format('%I', $1::text)) AND contype = 'f'`,
    [table],
  );
  return rows;
}

export async function withBulkLoadIfEmpty<T>(client: pg.ClientBase, table: string, load: () => Promise<T>): Promise<T> {
  const { rows: anyRow } = await client.query(`SELECT 1 FROM "${table}" LIMIT 1`);
  if (anyRow.length > 0) return load();
  const indexes = await secondaryIndexes(client, table);
  const keys = await foreignKeys(client, table);
  for (const key of keys) await client.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${key.name}"`);
  for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
  const result = await load();
  for (const index of indexes) await client.query(index.definition);
  for (const key of keys) await client.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${key.name}" ${key.definition}`);
  return result;
}
