// Delta packages after a bulk load: changes in place, removals (tobedeleted and the legacy
// inactive), restores, each side of a link restated only by its own row, and a 1.2 delta that
// leaves a user's role out.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { searchParents } from "@/lib/parents/search-parents";
import { parentSearchSchema } from "@/lib/parents/search-schema";
import { fixtureCopy, removeScratchDirs } from "../helpers/roster-fixtures";
import { runImport, writeV11Package, type TestUser } from "../helpers/roster-packages";

afterAll(removeScratchDirs);
beforeEach(async () => {
  await prisma.studentContact.deleteMany();
  await prisma.student.deleteMany();
  await prisma.contact.deleteMany();
  await prisma.school.deleteMany();
});

const BASE: TestUser[] = [
  { id: "s1", role: "student", given: "Ana", family: "García", identifier: "0001", agents: ["m1", "f1"], grades: "03" },
  { id: "m1", role: "parent", given: "María", family: "García", email: "maria@example.com", agents: ["s1"] },
  { id: "f1", role: "parent", given: "José", family: "García", email: "jose@example.com", agents: ["s1"] },
  { id: "g1", role: "guardian", given: "Linh", family: "Nguyễn", agents: ["s1"] },
];

async function link(student: string, contact: string) {
  return prisma.studentContact.findFirstOrThrow({ where: { student: { sourcedId: student }, contact: { sourcedId: contact } } });
}

async function gridNames(q: string) {
  const result = await searchParents(parentSearchSchema.parse({ q }), { staffEmailDomains: [] });
  return result.rows.map((row) => `${row.parentFirstName} ${row.parentLastName}`).sort();
}

describe("a delta after a bulk import", () => {
  it("changes in place (the search key follows a new name), removes, and restores", async () => {
    await runImport(await writeV11Package({ users: BASE }));
    expect(await gridNames("garc")).toEqual(["José García", "María García"]);

    const delta = await runImport(
      await writeV11Package({
        usersMode: "delta",
        users: [
          { id: "m1", role: "parent", given: "María", family: "Pérez", email: "maria@example.com", agents: ["s1"], status: "active" },
          { id: "f1", role: "parent", given: "José", family: "García", status: "tobedeleted" },
          { id: "g1", role: "guardian", given: "Linh", family: "Nguyễn", status: "inactive" },
        ],
      }),
      // 2 of 3 contacts in this tiny district: far over the removal guard's share.
      { confirmRemovals: true },
    );
    expect(delta.outcome).toBe("applied");
    expect(delta.summary).toMatchObject({ contacts: { changed: 1, removed: 2 }, links: { changed: 1, removed: 2 } });
    expect(delta.summary?.examples.changed).toEqual(["Contact María Pérez (m1): name"]);
    expect((await link("s1", "m1")).parentKey).toBe("perez\u0001maria");
    expect(await gridNames("garc")).toEqual([]);
    expect(await gridNames("pere")).toEqual(["María Pérez"]);
    expect((await link("s1", "f1")).removedAt).not.toBeNull();
    expect((await prisma.contact.findFirstOrThrow({ where: { sourcedId: "g1" } })).removedAt).not.toBeNull();

    const restore = await runImport(
      await writeV11Package({ usersMode: "delta", users: [{ id: "f1", role: "parent", given: "José", family: "García", agents: ["s1"], status: "active" }] }),
    );
    expect(restore.summary).toMatchObject({ contacts: { restored: 1 }, links: { restored: 1 } });
    expect((await link("s1", "f1")).removedAt).toBeNull();
    expect(await gridNames("garc")).toEqual(["José García"]);
  });

  it("restates only the side of a link that its row belongs to", async () => {
    await runImport(await writeV11Package({ users: BASE }));
    // The student's row drops m1; m1's own row (not in this delta) still lists the student.
    await runImport(
      await writeV11Package({
        usersMode: "delta",
        users: [{ id: "s1", role: "student", given: "Ana", family: "García", identifier: "0001", agents: ["f1"], grades: "03", status: "active" }],
      }),
    );
    expect(await link("s1", "m1")).toMatchObject({ listedByStudent: false, listedByContact: true, removedAt: null });
    // Now m1's row drops it too: no side lists the link any more.
    const result = await runImport(
      await writeV11Package({ usersMode: "delta", users: [{ id: "m1", role: "parent", given: "María", family: "García", agents: [], status: "active" }] }),
      { confirmRemovals: true },
    );
    expect(result.summary?.links).toMatchObject({ removed: 1 });
    expect(await link("s1", "m1")).toMatchObject({ listedByStudent: false, listedByContact: false });
    expect((await link("s1", "m1")).removedAt).not.toBeNull();
  });

  it("a removed student takes its rows out of the grid; back in a later bulk, they return", async () => {
    await runImport(await writeV11Package({ users: BASE }));
    await runImport(await writeV11Package({ usersMode: "delta", users: [{ id: "s1", role: "student", given: "Ana", family: "García", status: "tobedeleted" }] }), { confirmRemovals: true });
    expect(await gridNames("")).toEqual([]);
    expect((await prisma.student.findFirstOrThrow()).removedAt).not.toBeNull();
    const back = await runImport(await writeV11Package({ users: BASE }));
    expect(back.summary).toMatchObject({ students: { restored: 1 }, links: { restored: 3 } });
    expect(await gridNames("")).toEqual(["José García", "Linh Nguyễn", "María García"]);
  });
});

describe("a OneRoster 1.2 delta", () => {
  it("keeps the stored kind of a user whose role did not change (no roles.csv row)", async () => {
    await runImport(await fixtureCopy("v1p2-bulk"));
    const dir = await fixtureCopy("v1p2-bulk", { "orgs.csv": null, "academicSessions.csv": null });
    const manifest = await readFile(path.join(dir, "manifest.csv"), "utf8");
    await writeFile(
      path.join(dir, "manifest.csv"),
      manifest
        .replace("file.users,bulk", "file.users,delta")
        .replace("file.roles,bulk", "file.roles,delta")
        .replace("file.orgs,bulk", "file.orgs,absent")
        .replace("file.academicSessions,bulk", "file.academicSessions,absent"),
    );
    await writeFile(path.join(dir, "roles.csv"), "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId\n");
    const header = (await readFile(path.join(dir, "users.csv"), "utf8")).split("\n")[0];
    await writeFile(path.join(dir, "users.csv"), `${header}\np-200,active,2026-11-20T10:00:00Z,true,marge,,Marge,Bouvier,,,marge@example.org,,,s-100,,,,,,,,sch-1,,Mother,es\n`);
    const result = await runImport(dir);
    expect(result).toMatchObject({ outcome: "applied", summary: { contacts: { changed: 1 }, rejected: 0 } });
    expect(await prisma.contact.findFirstOrThrow({ where: { sourcedId: "p-200" } })).toMatchObject({ lastName: "Bouvier", rosterRole: "parent" });
  });
});
