import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { importRoster } from "@/lib/roster/import-roster";
import type { RosterImportOptions } from "@/lib/roster/import-roster-types";
import { FIXTURES, removeScratchDirs } from "../helpers/roster-fixtures";
import path from "node:path";

afterAll(removeScratchDirs);

const SYSTEM = { type: "SYSTEM", label: "test" } as const;
function run(source: string, options: Partial<RosterImportOptions> = {}) {
  return importRoster({ source, dryRun: false, confirmRemovals: false, actor: SYSTEM, ...options });
}

describe("a 1.1 bulk package", () => {
  it("imports schools, students, contacts and links from both sides", async () => {
    const result = await run(path.join(FIXTURES, "v1p1-bulk"));
    console.log(JSON.stringify(result, null, 1));
    expect(result.outcome).toBe("applied");
    const links = await prisma.studentContact.findMany({ include: { student: true, contact: true } });
    console.log(links.map((l) => [l.student.sourcedId, l.contact.sourcedId, l.relationship, l.parentKey, l.listedByStudent, l.listedByContact]));
    const again = await run(path.join(FIXTURES, "v1p1-bulk"));
    console.log(JSON.stringify(again.summary, null, 1));
  });
});
