import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { verifySecret } from "@/lib/security/password-hash";
import { isStaffEmail } from "@/lib/settings/district-settings";
import { parentSearchKey } from "@/lib/text/fold-name";
import { searchParents } from "@/lib/parents/search-parents";
import { parseParentSearch } from "@/lib/parents/search-schema";
import { generate } from "otplib";
import { verifyStaffSecondFactor } from "@/lib/staff-auth/mfa/verify-second-factor";

const credentialsFile = path.join(mkdtempSync(path.join(os.tmpdir(), "seed-test-")), "demo-credentials.txt");

function runSeed() {
  const result = spawnSync("npx", ["tsx", "prisma/seed.ts"], {
    env: { ...process.env, DEMO_CREDENTIALS_FILE: credentialsFile },
    encoding: "utf8",
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

async function tableCounts() {
  const [schools, students, contacts, links, accounts, staff] = await Promise.all([
    prisma.school.count(),
    prisma.student.count(),
    prisma.contact.count(),
    prisma.studentContact.count(),
    prisma.parentAccount.count(),
    prisma.staffUser.count(),
  ]);
  return { schools, students, contacts, links, accounts, staff };
}

/** Every row the roster import and the seed write, in id order. */
async function rosterSnapshot() {
  const byId = { orderBy: { id: "asc" as const } };
  return Promise.all([
    prisma.school.findMany(byId),
    prisma.student.findMany(byId),
    prisma.contact.findMany(byId),
    prisma.studentContact.findMany(byId),
    prisma.parentAccount.findMany(byId),
  ]);
}

/** "label:  user  /  secret" lines of the credentials file, by label. */
function credentials(): Record<string, [string, string]> {
  const lines = readFileSync(credentialsFile, "utf8").trim().split("\n");
  return Object.fromEntries(
    lines.map((line) => {
      const [label, rest] = line.split(/:\s+/, 2) as [string, string];
      const [user, secret] = rest.split(/\s+\/\s+/) as [string, string];
      return [label.trim(), [user.trim(), secret.split(/\s+/)[0]!]];
    }),
  );
}

describe("prisma/seed.ts (demo district)", () => {
  let firstOutput = "";
  beforeAll(() => {
    firstOutput = runSeed();
  }, 120_000);

  it("writes a district of the documented size with settings", async () => {
    expect(firstOutput).toContain("Demo seed: 6 schools, 300 students");
    const counts = await tableCounts();
    expect(counts).toMatchObject({ schools: 6, students: 300, staff: 2 });
    expect(counts.contacts).toBeGreaterThanOrEqual(450);
    expect(counts.contacts).toBeLessThanOrEqual(550);
    expect(counts.accounts).toBeGreaterThan(counts.contacts * 0.8);
    expect(await prisma.districtSettings.findUnique({ where: { id: 1 } })).not.toBeNull();
  });

  it("loads the district through the OneRoster import: schools, students and contacts carry their sourcedIds", async () => {
    expect(firstOutput).toContain("in a OneRoster 1.2 package; import: schools 6 added; students 300 added");
    const schools = await prisma.school.findMany();
    expect(schools.every((school) => school.sourcedId?.startsWith("demo-sch-"))).toBe(true);
    expect(schools.map((school) => school.code).sort()).toEqual(["CCE", "JMS", "LES", "RES", "RHS", "SMS"]);
    const students = await prisma.student.findMany();
    expect(students.every((student) => /^demo-stu-\d{4}$/.test(student.sourcedId ?? ""))).toBe(true);
    expect(new Set(students.map((student) => student.sourcedId)).size).toBe(300);
    // The ID number is text from `identifier`: the leading zeros survive the import.
    expect(students.every((student) => /^\d{7}$/.test(student.studentNumber))).toBe(true);
    expect(students.some((student) => student.studentNumber.startsWith("0"))).toBe(true);
    const contacts = await prisma.contact.findMany();
    expect(contacts.every((contact) => /^demo-con-\d{4}$/.test(contact.sourcedId ?? ""))).toBe(true);
    expect(contacts.every((contact) => contact.removedAt === null)).toBe(true);
    // metadata.relationship names the link, metadata.language the contact's language.
    const relationships = new Set((await prisma.studentContact.findMany({ select: { relationship: true } })).map((link) => link.relationship));
    expect([...relationships]).toEqual(expect.arrayContaining(["Mother", "Father", "Grandmother"]));
    const maria = await prisma.contact.findUniqueOrThrow({ where: { sourcedId: "demo-con-0001" } });
    expect(maria).toMatchObject({ firstName: "María", lastName: "García", preferredLocale: "es" });
  });

  it("stores every row's parentKey as the app computes it, so search finds seeded names", async () => {
    const links = await prisma.studentContact.findMany({ include: { contact: true } });
    for (const link of links) expect(link.parentKey).toBe(parentSearchKey(link.contact.lastName, link.contact.firstName));
    const keys = links.map((link) => link.parentKey);
    expect(keys.some((key) => key.startsWith("garcia\u0001"))).toBe(true);
    expect(keys.some((key) => key.startsWith("nguyen\u0001"))).toBe(true);
    expect(keys.some((key) => key.startsWith("al-"))).toBe(true);
  });

  it("has a family for each way callers spell names (compound surnames, apostrophes, particles)", async () => {
    const found = async (q: string) => {
      const { rows } = await searchParents(parseParentSearch({ q }), { staffEmailDomains: [] });
      return rows.map((row) => `${row.parentLastName}:${row.match}`);
    };
    expect(await found("obrien")).toContain("O'Brien:name");
    expect(await found("al amin")).toContain("Al-Amin:name");
    expect(await found("dela")).toContain("De la Cruz:name");
    expect(await found("cruz")).toContain("De la Cruz:lastNameWord");
    expect(await found("lopez")).toContain("García López:lastNameWord");
    expect(await found("berg")).toContain("Van der Berg:lastNameWord");
  });

  it("has multilingual contacts, families with several children and children with two guardians", async () => {
    const names = (await prisma.contact.findMany({ select: { lastName: true } })).map((contact) => contact.lastName);
    expect(names).toEqual(expect.arrayContaining(["García", "Nguyễn"]));
    expect(names.some((name) => /[ñÑ]/.test(name))).toBe(true);
    const locales = await prisma.contact.groupBy({ by: ["preferredLocale"], _count: true });
    expect(locales.map((row) => row.preferredLocale).sort()).toEqual(["ar", "en", "es", "vi"]);

    const childrenPerParent = await prisma.studentContact.groupBy({ by: ["contactId"], _count: { _all: true } });
    const maxChildren = Math.max(...childrenPerParent.map((row) => row._count._all));
    expect(maxChildren).toBeGreaterThanOrEqual(3);
    expect(maxChildren).toBeLessThanOrEqual(4);
    const guardiansPerChild = await prisma.studentContact.groupBy({ by: ["studentId"], _count: { _all: true } });
    expect(guardiansPerChild.filter((row) => row._count._all >= 2).length).toBeGreaterThan(100);

    const settings = await prisma.districtSettings.findUniqueOrThrow({ where: { id: 1 } });
    const emails = (await prisma.contact.findMany({ select: { email: true } })).flatMap((contact) => (contact.email ? [contact.email] : []));
    const staffDomainEmails = emails.filter((email) => isStaffEmail(email, settings.staffEmailDomains));
    expect(staffDomainEmails.length).toBeGreaterThanOrEqual(1);
    expect(staffDomainEmails.length).toBeLessThanOrEqual(6);
  });

  it("mixes login states and gives reset rows a reset time", async () => {
    const statuses = await prisma.parentAccount.groupBy({ by: ["status"], _count: true });
    expect(statuses.map((row) => row.status).sort()).toEqual(["ACTIVE", "PENDING_PASSWORD_CHANGE", "RESET"]);
    const reset = await prisma.parentAccount.findFirstOrThrow({ where: { status: "RESET" }, include: { contact: { include: { links: true } } } });
    expect(reset.passwordHash).toBeNull();
    const records = await prisma.studentContactLoginKey.findMany({ where: { id: { in: reset.contact.links.map((link) => link.id) } } });
    expect(records).toHaveLength(reset.contact.links.length);
    expect(records.every((record) => record.resetAt !== null)).toBe(true);
  });

  it("prints credentials that really sign in: site admin, help desk and the demo parent", async () => {
    const printed = credentials();
    const [adminEmail, adminSecret] = printed["Site admin"]!;
    const [helpDeskEmail, helpDeskSecret] = printed["Help desk"]!;
    const [parentUsername, parentPassword] = printed["Parent"]!;
    expect(firstOutput).toContain(adminSecret);
    expect(adminSecret.length).toBeGreaterThanOrEqual(15);
    expect(helpDeskSecret.length).toBeGreaterThanOrEqual(15);

    const admin = await prisma.staffUser.findUniqueOrThrow({ where: { email: adminEmail } });
    const helpDesk = await prisma.staffUser.findUniqueOrThrow({ where: { email: helpDeskEmail } });
    expect([admin.role, helpDesk.role]).toEqual(["SITE_ADMIN", "HELP_DESK"]);
    expect(await verifySecret(admin.passwordHash, adminSecret)).toBe(true);
    expect(await verifySecret(helpDesk.passwordHash, helpDeskSecret)).toBe(true);

    const parent = await prisma.parentAccount.findUniqueOrThrow({ where: { usernameKey: parentUsername }, include: { contact: { include: { links: true } } } });
    expect(parent.status).toBe("ACTIVE");
    expect(parent.contact.links.length).toBeGreaterThanOrEqual(2);
    expect(await verifySecret(parent.passwordHash!, parentPassword)).toBe(true);
  });

  it("prints authenticator keys that pass the demo staff's two-step sign-in", async () => {
    const printed = credentials();
    for (const label of ["Admin authenticator key", "Help desk authenticator key"]) {
      const [email, key] = printed[label]!;
      const staff = await prisma.staffUser.findUniqueOrThrow({ where: { email } });
      const code = await generate({ secret: key, epoch: Math.floor(Date.now() / 1000) });
      expect(await prisma.$transaction((tx) => verifyStaffSecondFactor(tx, staff.id, { kind: "totp", code }))).toEqual({ ok: true, kind: "totp" });
    }
  });

  it("changes nothing when run again on a seeded database: the same package imports with no change, no login is added", async () => {
    const before = await tableCounts();
    const rows = await rosterSnapshot();
    const admin = await prisma.staffUser.findFirstOrThrow({ where: { role: "SITE_ADMIN" } });
    const output = runSeed();
    expect(output).toContain("import: nothing changed; 0 parent logins created");
    expect(await tableCounts()).toEqual(before);
    expect(await rosterSnapshot()).toEqual(rows);
    expect((await prisma.staffUser.findUniqueOrThrow({ where: { id: admin.id } })).passwordHash).toBe(admin.passwordHash);
  });

  it("leaves a database holding a real roster alone", async () => {
    const school = await prisma.school.findFirstOrThrow();
    await prisma.student.create({ data: { sourcedId: "sis-1", studentNumber: "900001", firstName: "Real", lastName: "Student", grade: "05", schoolId: school.id } });
    const rows = await rosterSnapshot();
    expect(runSeed()).toContain("not the demo's (a real roster); district data left unchanged");
    expect(await rosterSnapshot()).toEqual(rows);
  });
});
