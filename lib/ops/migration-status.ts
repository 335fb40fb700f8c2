// Whether the database has every migration this build ships (prisma/migrations), as Prisma's
// own `_prisma_migrations` table records them: an app started before `npm start --
// --migrate-only` ran would query columns that do not exist yet.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/db";

export interface MigrationStatus {
  applied: number;
  /** Migrations of this build the database has not finished (names). */
  pending: string[];
}

let shipped: Promise<string[]> | null = null;

/** The migration folders of this build (read once: they change only with a new release). */
function shippedMigrations(): Promise<string[]> {
  shipped ??= readdir(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true }).then((entries) =>
    entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort(),
  );
  return shipped;
}

export async function readMigrationStatus(): Promise<MigrationStatus> {
  const [names, rows] = await Promise.all([
    shippedMigrations(),
    prisma.$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  ]);
  const done = new Set(rows.map((row) => row.name));
  return { applied: done.size, pending: names.filter((name) => !done.has(name)) };
}
