// Prisma CLI configuration. The CLI runs on its WebAssembly schema engine through the
// pg driver adapter, because the native engines cannot be downloaded on these machines.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// prisma/orm#27403: the adapter cannot decode pg_catalog's `name` (oid 19) and `"char"`
// (oid 18) columns that the schema engine introspects. Reading them as text fixes it.
// Only the CLI needs this, so it lives here and not in lib/db.ts.
const TEXT_OID = 25;
// `prisma generate` needs no database, but without a URL the CLI falls back to
// downloading a native engine; a placeholder keeps it on the WebAssembly one.
process.env.DATABASE_URL ??= "postgresql://localhost:5432/unset";
type FieldDescription = { dataTypeID: number };
const resultPrototype = pg.Result.prototype as unknown as { addFields(fields: FieldDescription[]): void };
const addFields = resultPrototype.addFields;
resultPrototype.addFields = function (fieldDescriptions) {
  for (const field of fieldDescriptions) {
    if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = TEXT_OID;
  }
  return addFields.call(this, fieldDescriptions);
};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
