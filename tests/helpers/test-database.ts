// Clones the migrated template into a database of one's own (tests, e2e server).
import { randomBytes } from "node:crypto";
import pg from "pg";

export async function createDatabaseFromTemplate(serverUrl: string, template: string, prefix = "test"): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return `${serverUrl}/${name}`;
}
