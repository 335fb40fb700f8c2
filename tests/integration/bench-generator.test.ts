import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { searchParents } from "@/lib/parents/search-parents";
import { parseParentSearch } from "@/lib/parents/search-schema";
import { importRoster } from "@/lib/roster/import-roster";
import type { RosterUser } from "@/lib/roster/roster-records";
import { generateRosterCsv, generateRosterDelta, planDelta, type GeneratedRoster } from "@/scripts/bench/generate-roster-csv";
import { verifySecret } from "@/lib/security/password-hash";
import { parentSearchKey } from "@/lib/text/fold-name";
import { BENCH_PARENT_PASSWORD, createParentLogins, prepareBenchDistrict } from "@/scripts/bench/bench-accounts";
import { rowsWritten } from "@/scripts/bench/import-bench";
import { CULTURES } from "@/scripts/demo/names";
import { readRosterFully, removeScratchDirs, type RosterReadout } from "@/tests/helpers/roster-fixtures";

const STUDENTS = 1_500;

describe("scripts/bench/generate-roster-csv.ts (the benchmark district as OneRoster 1.2 CSV)", () => {
  let folder: string;
  let generated: GeneratedRoster;
  let bulk: RosterReadout;
  let byId: Map<string, RosterUser>;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "bench-roster-test-"));
    generated = await generateRosterCsv(path.join(folder, "bulk"), STUDENTS);
    bulk = await readRosterFully(path.join(folder, "bulk"));
    byId = new Map(bulk.users.map((user) => [user.sourcedId, user]));
  });
  afterAll(async () => {
    await removeScratchDirs();
    await rm(folder, { recursive: true, force: true });
  });

  it("writes a valid OneRoster 1.2 bulk package: no row errors, no warnings", () => {
    expect(bulk.report).toMatchObject({ outcome: "read", rowErrorCount: 0, warningCount: 0 });
    expect(bulk.version).toBe("1.2");
    expect(generated).toMatchObject({ students: 1_500, contacts: 2_000, links: 3_000, schools: 6 });
    expect(bulk.schools).toHaveLength(6);
  });

  it("has the district's shape: students and two parents per family, every link listed from both sides", () => {
    const students = bulk.users.filter((user) => user.kind === "student");
    const parents = bulk.users.filter((user) => user.kind === "parent");
    expect(students).toHaveLength(1_500);
    expect(parents).toHaveLength(2_000);
    expect(new Set(students.map((user) => user.agentSourcedIds.length))).toEqual(new Set([2]));
    expect(new Set(parents.map((user) => user.agentSourcedIds.length))).toEqual(new Set([1, 2]));
    for (const student of students) {
      for (const parent of student.agentSourcedIds) expect(byId.get(parent)!.agentSourcedIds).toContain(student.sourcedId);
    }
    expect(new Set(parents.map((user) => user.relationship))).toEqual(new Set(["Mother", "Father"]));
  });

  it("keeps the name distribution: all four cultures, common surnames first, zero-padded unique ID numbers", () => {
    const parents = bulk.users.filter((user) => user.kind === "parent");
    const surnames = parents.map((user) => user.familyName);
    expect(surnames).toEqual(expect.arrayContaining(["Nguyễn", "García", "Smith"]));
    expect(surnames.some((name) => name.startsWith("Al-"))).toBe(true);
    const count = (name: string) => surnames.filter((surname) => surname === name).length;
    expect(count(CULTURES.en.lastNames[0]!)).toBeGreaterThan(count(CULTURES.en.lastNames.at(-1)!));
    const shares = (locale: string) => parents.filter((user) => user.language === locale).length / parents.length;
    expect(shares("en")).toBeGreaterThan(0.4);
    expect(shares("es")).toBeGreaterThan(0.1);
    expect(shares("vi")).toBeGreaterThan(0.05);
    expect(shares("ar")).toBeGreaterThan(0.05);
    const numbers = bulk.users.flatMap((user) => (user.studentNumber ? [user.studentNumber] : []));
    expect(new Set(numbers).size).toBe(1_500);
    expect(numbers.some((number) => number.startsWith("0"))).toBe(true);
  });

  it("writes a delta of changed users: each row one real change, status and dateLastModified set, links unchanged", async () => {
    const plan = await generateRosterDelta(path.join(folder, "delta"), STUDENTS, 100, new Date("2026-11-26T12:00:00.000Z"));
    expect(plan).toEqual(planDelta(100));
    const delta = await readRosterFully(path.join(folder, "delta"));
    expect(delta.report).toMatchObject({ outcome: "read", rowErrorCount: 0, warningCount: 0 });
    expect(delta.users).toHaveLength(100);
    const changes = { grades: 0, phone: 0, familyName: 0, email: 0 };
    for (const user of delta.users) {
      const before = byId.get(user.sourcedId)!;
      expect(user).toMatchObject({ status: "active", dateLastModified: new Date("2026-11-26T12:00:00.000Z"), kind: before.kind });
      expect(user.agentSourcedIds).toEqual(before.agentSourcedIds);
      const differing = (["grades", "phone", "familyName", "email"] as const).filter((key) => JSON.stringify(user[key]) !== JSON.stringify(before[key]));
      expect(differing).toHaveLength(1);
      changes[differing[0]!] += 1;
    }
    expect(changes).toEqual({ grades: plan.grades, phone: plan.phones, familyName: plan.surnames, email: plan.emails });
  });
});

describe("the benchmark district imported with importRoster (what npm run bench measures search on)", () => {
  let folder: string;
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const run = (source: string) => importRoster({ source, dryRun: false, confirmRemovals: false, actor: { type: "SYSTEM", label: "test" } });

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "bench-import-test-"));
    await generateRosterCsv(path.join(folder, "bulk"), STUDENTS);
    await prepareBenchDistrict(pool);
  });
  afterAll(async () => {
    await pool.end();
    await rm(folder, { recursive: true, force: true });
  });

  it("imports every student, contact and link, with the app's search key", async () => {
    const result = await run(path.join(folder, "bulk"));
    expect(result.outcome).toBe("applied");
    expect(result.summary).toMatchObject({ students: { added: 1_500 }, contacts: { added: 2_000 }, links: { added: 3_000 }, rejected: 0 });
    expect(await prisma.studentContact.count()).toBe(3_000);
    const links = await prisma.studentContact.findMany({ include: { contact: true } });
    expect(links.filter((link) => link.parentKey !== parentSearchKey(link.contact.lastName, link.contact.firstName))).toEqual([]);
    expect(new Set(links.map((link) => link.relationship))).toEqual(new Set(["Mother", "Father"]));
    const search = await searchParents(parseParentSearch({ q: "nguyen" }), { staffEmailDomains: [] });
    expect(search.rows.length).toBeGreaterThan(0);
    expect(search.rows.every((row) => row.parentLastName === "Nguyễn")).toBe(true);
  });

  it("gives ~90% of the imported contacts a login sharing one hash", async () => {
    const created = await createParentLogins(pool);
    expect(created / 2_000).toBeGreaterThan(0.8);
    expect(created / 2_000).toBeLessThan(0.97);
    const active = await prisma.parentAccount.findFirstOrThrow({ where: { status: "ACTIVE" } });
    expect(await verifySecret(active.passwordHash!, BENCH_PARENT_PASSWORD)).toBe(true);
    expect(await prisma.parentAccount.count({ where: { status: "RESET", passwordHash: { not: null } } })).toBe(0);
    expect(await createParentLogins(pool)).toBe(0);
  });

  it("writes nothing when the same files come again, and the delta changes exactly its users", async () => {
    const again = await run(path.join(folder, "bulk"));
    expect(again.outcome).toBe("applied");
    expect(rowsWritten(again.summary)).toBe(0);

    const plan = await generateRosterDelta(path.join(folder, "delta"), STUDENTS, 100);
    const delta = await run(path.join(folder, "delta"));
    expect(delta.outcome).toBe("applied");
    expect(delta.summary).toMatchObject({ students: { changed: plan.grades }, contacts: { changed: plan.phones + plan.surnames + plan.emails }, rejected: 0 });
    expect(delta.summary!.links.added + delta.summary!.links.removed).toBe(0);
    const links = await prisma.studentContact.findMany({ include: { contact: true } });
    expect(links.filter((link) => link.parentKey !== parentSearchKey(link.contact.lastName, link.contact.firstName))).toEqual([]);
  });
});
