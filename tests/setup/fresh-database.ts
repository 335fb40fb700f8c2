// Before each integration test file: its own database, cloned from the migrated template.
import { inject } from "vitest";
import { createDatabaseFromTemplate } from "../helpers/test-database";

process.env.DATABASE_URL = await createDatabaseFromTemplate(inject("databaseServerUrl"), inject("templateDatabase"));
process.env.DATABASE_POOL_SIZE = "4";
