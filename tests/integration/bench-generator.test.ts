import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { searchParents } from "@/lib/parents/search-parents";
import { parseParentSearch } from "@/lib/parents/search-schema";
import { verifySecret } from "@/lib/security/password-hash";
import { parentSearchKey } from "@/lib/text/fold-name";
import { BENCH_ADMIN_PASSPHRASE, BENCH_PARENT_PASSWORD, generateDistrict, type GeneratedDistrict } from "@/scripts/bench/generate-district";

describe("scripts/bench/generate-district.ts", () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let generated: GeneratedDistrict;

  beforeAll(async () => {
    await client.connect();
    generated = await generateDistrict(client, 3_000);
  });
  afterAll(() => client.end());

  it("creates the requested number of parent-child rows, two guardians per student", async () => {
    expect(generated).toMatchObject({ rows: 3_000, students: 1_500, contacts: 2_000 });
    expect(await prisma.studentContact.count()).toBe(3_000);
    expect(await prisma.student.count()).toBe(1_500);
    expect(await prisma.contact.count()).toBe(2_000);
    const perStudent = await prisma.studentContact.groupBy({ by: ["studentId"], _count: { _all: true } });
    expect(new Set(perStudent.map((row) => row._count._all))).toEqual(new Set([2]));
    const perParent = await prisma.studentContact.groupBy({ by: ["contactId"], _count: { _all: true } });
    expect(new Set(perParent.map((row) => row._count._all))).toEqual(new Set([1, 2]));
  });

  it("computes parentKey in SQL exactly as foldName does in the app", async () => {
    const links = await prisma.studentContact.findMany({ include: { contact: true } });
    const mismatches = links.filter((link) => link.parentKey !== parentSearchKey(link.contact.lastName, link.contact.firstName));
    expect(mismatches).toEqual([]);
    expect(links.some((link) => link.contact.lastName === "Nguyễn")).toBe(true);
  });

  it("produces data the grid's search finds, accent-insensitively", async () => {
    const result = await searchParents(parseParentSearch({ q: "nguyen" }), { staffEmailDomains: [] });
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.every((row) => row.parentLastName === "Nguyễn")).toBe(true);
  });

  it("gives most contacts a login sharing one hash, and a site admin for the HTTP benchmark", async () => {
    const accounts = await prisma.parentAccount.groupBy({ by: ["status"], _count: { _all: true } });
    const total = accounts.reduce((sum, row) => sum + row._count._all, 0);
    expect(total).toBe(generated.accounts);
    expect(total / generated.contacts).toBeGreaterThan(0.8);
    const active = await prisma.parentAccount.findFirstOrThrow({ where: { status: "ACTIVE" } });
    expect(await verifySecret(active.passwordHash!, BENCH_PARENT_PASSWORD)).toBe(true);
    expect(await prisma.parentAccount.count({ where: { status: "RESET", passwordHash: { not: null } } })).toBe(0);
    const admin = await prisma.staffUser.findUniqueOrThrow({ where: { email: generated.adminEmail } });
    expect(admin.role).toBe("SITE_ADMIN");
    expect(await verifySecret(admin.passwordHash, BENCH_ADMIN_PASSPHRASE)).toBe(true);
  });

  it("moves the id sequences past the generated rows", async () => {
    const school = await prisma.school.create({ data: { code: "NEW", name: "New School" } });
    const student = await prisma.student.create({ data: { studentNumber: "x-1", firstName: "A", lastName: "B", grade: "1", schoolId: school.id } });
    const contact = await prisma.contact.create({ data: { firstName: "C", lastName: "D" } });
    expect(student.id).toBe(1_501);
    expect(contact.id).toBe(2_001);
  });
});
