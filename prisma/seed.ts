// Demo district for `npm start`: settings, six schools, ~300 students, ~500 multilingual
// contacts with parent logins, a site admin and a help-desk agent. Run with DATABASE_URL
// set: `npx tsx prisma/seed.ts`. Safe to run twice: settings and staff are upserted and the
// district is only written into a database without students, in one transaction.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db";
import { usernameKey } from "@/lib/accounts/parent-sign-in";
import { hashSecret } from "@/lib/security/password-hash";
import { defaultDistrictSettings } from "@/lib/settings/district-settings";
import { buildDemoDistrict, createRandom, DEMO_PARENT_USERNAME, type DemoDistrict } from "@/scripts/demo/build-demo-district";

// Demo-only secrets, printed on purpose: this data set exists to be tried out.
const ADMIN_PASSPHRASE = "riverside-demo-admin-passphrase";
const HELP_DESK_PASSPHRASE = "riverside-demo-helpdesk-passphrase";
const PARENT_PASSWORD = "Sunflower-Garden-2026";
const DAY_MS = 24 * 60 * 60 * 1000;

async function upsertStaff(staffDomain: string) {
  const [adminHash, helpDeskHash] = await Promise.all([hashSecret(ADMIN_PASSPHRASE), hashSecret(HELP_DESK_PASSPHRASE)]);
  // update: {} keeps a password someone changed since the first seed.
  const admin = await prisma.staffUser.upsert({
    where: { email: `admin@${staffDomain}` },
    create: { email: `admin@${staffDomain}`, name: "Alex Rivera", role: "SITE_ADMIN", passwordHash: adminHash },
    update: {},
  });
  const helpDesk = await prisma.staffUser.upsert({
    where: { email: `helpdesk@${staffDomain}` },
    create: { email: `helpdesk@${staffDomain}`, name: "Sam Okafor", role: "HELP_DESK", passwordHash: helpDeskHash },
    update: {},
  });
  return { admin, helpDesk };
}

async function maxId(table: "Student" | "Contact"): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ max: number | null }[]>(`SELECT max(id) AS max FROM "${table}"`);
  return rows[0]?.max ?? 0;
}

async function writeDistrict(district: DemoDistrict, resetById: number) {
  const random = createRandom(7);
  const now = Date.now();
  const parentHash = await hashSecret(PARENT_PASSWORD);
  // Offsets keep the builder's ids valid even if contacts exist without students.
  const studentBase = await maxId("Student");
  const contactBase = await maxId("Contact");
  const resetAtByContact = new Map<number, Date>();

  await prisma.$transaction(
    async (tx) => {
      await tx.school.createMany({ data: district.schools.map(({ code, name }) => ({ code, name })), skipDuplicates: true });
      const schools = await tx.school.findMany({ where: { code: { in: district.schools.map((school) => school.code) } } });
      const schoolIdByCode = new Map(schools.map((school) => [school.code, school.id]));
      const schoolId = (demoId: number) => schoolIdByCode.get(district.schools.find((school) => school.id === demoId)!.code)!;

      await tx.student.createMany({
        data: district.students.map((student) => ({ ...student, id: studentBase + student.id, schoolId: schoolId(student.schoolId) })),
      });
      await tx.contact.createMany({ data: district.contacts.map((contact) => ({ ...contact, id: contactBase + contact.id })) });
      await tx.parentAccount.createMany({
        data: district.accounts.map((account) => {
          const contactId = contactBase + account.contactId;
          const daysAgo = (max: number) => new Date(now - random.int(1, max) * DAY_MS);
          const common = { contactId, username: account.username, usernameKey: usernameKey(account.username), status: account.status };
          if (account.status === "RESET") {
            const resetAt = daysAgo(30);
            resetAtByContact.set(contactId, resetAt);
            return { ...common, passwordHash: null, resetAt };
          }
          if (account.status === "PENDING_PASSWORD_CHANGE") {
            // Re-registered parents: the shared demo password stands in for the e-mailed temporary one.
            return { ...common, passwordHash: parentHash, resetAt: daysAgo(10), tempPasswordExpiresAt: new Date(now + DAY_MS) };
          }
          return { ...common, passwordHash: parentHash, passwordChangedAt: daysAgo(400), lastSignInAt: daysAgo(60) };
        }),
      });
      await tx.studentContact.createMany({
        data: district.links.map((link) => {
          const contactId = contactBase + link.contactId;
          const resetAt = resetAtByContact.get(contactId) ?? null;
          return { ...link, studentId: studentBase + link.studentId, contactId, resetAt, resetById: resetAt ? resetById : null };
        }),
      });
      // Explicit ids leave the sequences behind; move them past the rows just written.
      for (const table of ["Student", "Contact"]) {
        await tx.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
      }
    },
    { timeout: 60_000 },
  );
}

function writeCredentials(lines: string[]) {
  // scripts/start.ts prints this file; tests point DEMO_CREDENTIALS_FILE elsewhere.
  const file = path.resolve(process.env.DEMO_CREDENTIALS_FILE ?? ".data/demo-credentials.txt");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
}

async function main() {
  const started = Date.now();
  const defaults = defaultDistrictSettings();
  await prisma.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, ...defaults }, update: {} });
  const staffDomain = defaults.staffEmailDomains[0] ?? "riverside.example.org";
  const { admin, helpDesk } = await upsertStaff(staffDomain);

  if ((await prisma.student.count()) > 0) {
    console.log("Demo seed: the database already has students; district data left unchanged.");
  } else {
    const district = buildDemoDistrict({ targetStudents: 300, staffDomain });
    await writeDistrict(district, admin.id);
    console.log(
      `Demo seed: ${district.schools.length} schools, ${district.students.length} students, ${district.contacts.length} contacts, ` +
        `${district.links.length} parent-child rows, ${district.accounts.length} parent logins (${Date.now() - started} ms).`,
    );
  }

  const lines = [
    `  Site admin:  ${admin.email}  /  ${ADMIN_PASSPHRASE}`,
    `  Help desk:   ${helpDesk.email}  /  ${HELP_DESK_PASSPHRASE}`,
    `  Parent:      ${DEMO_PARENT_USERNAME}  /  ${PARENT_PASSWORD}  (every active demo parent login uses this password)`,
  ];
  writeCredentials(lines);
  console.log(`Demo credentials (also in .data/demo-credentials.txt):\n${lines.join("\n")}`);
}

main()
  .then(() => prisma.$disconnect())
  .catch(async (error) => {
    console.error(error);
    await prisma.$disconnect();
    process.exit(1);
  });
