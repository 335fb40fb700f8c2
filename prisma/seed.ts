// Demo district for `npm start`: settings, a site admin and a help-desk agent, and the demo
// district (six schools, 300 students, ~500 multilingual contacts) loaded the way a real
// district's is: as a OneRoster 1.2 package through importRoster. Then parent logins for most
// contacts. Run with DATABASE_URL and DEMO_MODE=1 (as `npm start` does; otherwise PORTAL_URL,
// which the import's mail settings need): `npx tsx prisma/seed.ts`. Safe to run twice: settings
// and staff are upserted, the second import of the same package changes nothing, and logins
// are only added for contacts without one. A database holding students that are not the
// demo's (a real roster) is left alone.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "@/lib/db";
import { importRoster } from "@/lib/roster/import-roster";
import type { RosterImportSummary } from "@/lib/roster/import-roster-types";
import { hashSecret } from "@/lib/security/password-hash";
import { defaultDistrictSettings } from "@/lib/settings/district-settings";
import { buildZip } from "@/lib/zip/build-zip";
import { DEMO_PARENT_USERNAME, type DemoDistrict } from "@/scripts/demo/build-demo-district";
import { buildDemoRosterFiles, buildSeedDistrict, DEMO_ROSTER_FILE_NAME } from "@/scripts/demo/build-demo-roster";
import { createDemoLogins } from "@/scripts/demo/create-demo-logins";
import { DEMO_AUTHENTICATOR_KEYS, seedDemoAuthenticator } from "@/scripts/demo/seed-demo-authenticators";
import { ensureDemoLunchApp } from "@/lib/demo-apps/lunch-app";

// Demo-only secrets, printed on purpose: this data set exists to be tried out.
const ADMIN_PASSPHRASE = "riverside-demo-admin-passphrase";
const HELP_DESK_PASSPHRASE = "riverside-demo-helpdesk-passphrase";
const PARENT_PASSWORD = "Sunflower-Garden-2026";

/**
 * The demo staff have already registered a phone and an alternate e-mail ("Don't lose access to
 * your account"), so the console opens right after signing in; their codes go to the Dev inbox.
 */
function demoSecurityInfo(phoneE164: string, altEmail: string) {
  const now = new Date();
  return { create: { phoneE164, phoneConfirmedAt: now, altEmail, altEmailConfirmedAt: now, confirmedAt: now } };
}

async function upsertStaff(staffDomain: string) {
  const [adminHash, helpDeskHash] = await Promise.all([hashSecret(ADMIN_PASSPHRASE), hashSecret(HELP_DESK_PASSPHRASE)]);
  // update: {} keeps a password someone changed since the first seed.
  const admin = await prisma.staffUser.upsert({
    where: { email: `admin@${staffDomain}` },
    create: {
      email: `admin@${staffDomain}`,
      name: "Alex Rivera",
      role: "SITE_ADMIN",
      passwordHash: adminHash,
      securityInfo: demoSecurityInfo("+15035550100", "alex.rivera@personal.example.com"),
    },
    update: {},
  });
  const helpDesk = await prisma.staffUser.upsert({
    where: { email: `helpdesk@${staffDomain}` },
    create: {
      email: `helpdesk@${staffDomain}`,
      name: "Sam Okafor",
      role: "HELP_DESK",
      passwordHash: helpDeskHash,
      securityInfo: demoSecurityInfo("+15035550101", "sam.okafor@personal.example.com"),
    },
    update: {},
  });
  return { admin, helpDesk };
}

/** Students that did not come from the demo package: a real district's roster. */
function countOtherStudents(): Promise<number> {
  return prisma.student.count({ where: { OR: [{ sourcedId: null }, { NOT: { sourcedId: { startsWith: "demo-" } } }] } });
}

/** Imports the demo package (a .zip in a scratch folder) and returns what the run changed. */
async function importDemoRoster(district: DemoDistrict): Promise<RosterImportSummary> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "demo-roster-"));
  try {
    const source = path.join(dir, DEMO_ROSTER_FILE_NAME);
    writeFileSync(source, buildZip(buildDemoRosterFiles(district)));
    const result = await importRoster({
      source,
      dryRun: false,
      confirmRemovals: false,
      actor: { type: "SYSTEM", label: "Demo seed" },
      fileName: DEMO_ROSTER_FILE_NAME,
    });
    if (result.outcome === "failed") throw new Error(`The demo roster did not import: ${result.message}`);
    if (result.outcome !== "applied") throw new Error(`The demo roster did not import (${result.outcome}).`);
    return result.summary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeChanges(summary: RosterImportSummary): string {
  const parts = (["schools", "students", "contacts", "links"] as const).flatMap((entity) => {
    const { added, changed, removed, restored } = summary[entity];
    const counts = Object.entries({ added, changed, removed, restored }).filter(([, n]) => n > 0);
    return counts.length > 0 ? [`${entity} ${counts.map(([kind, n]) => `${n} ${kind}`).join(", ")}`] : [];
  });
  return parts.length > 0 ? parts.join("; ") : "nothing changed";
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
  await seedDemoAuthenticator(admin.id, DEMO_AUTHENTICATOR_KEYS.admin);
  await seedDemoAuthenticator(helpDesk.id, DEMO_AUTHENTICATOR_KEYS.helpDesk);

  if ((await countOtherStudents()) > 0) {
    console.log("Demo seed: the database holds students that are not the demo's (a real roster); district data left unchanged.");
  } else {
    const district = buildSeedDistrict(staffDomain);
    const summary = await importDemoRoster(district);
    const logins = await createDemoLogins(district, { parentPassword: PARENT_PASSWORD, resetById: admin.id });
    console.log(
      `Demo seed: ${district.schools.length} schools, ${district.students.length} students, ${district.contacts.length} contacts, ` +
        `${district.links.length} parent-child rows in a OneRoster ${summary.version} package; import: ${describeChanges(summary)}; ` +
        `${logins} parent logins created (${Date.now() - started} ms).`,
    );
  }

  // The demo lunch app (OpenID Connect): registered here, its URIs refreshed on every demo start.
  await ensureDemoLunchApp();

  const lines = [
    `  Site admin:  ${admin.email}  /  ${ADMIN_PASSPHRASE}`,
    `  Help desk:   ${helpDesk.email}  /  ${HELP_DESK_PASSPHRASE}`,
    // Two-step sign-in: time-based keys to add to any authenticator app (or a TOTP tool).
    `  Admin authenticator key:  ${admin.email}  /  ${DEMO_AUTHENTICATOR_KEYS.admin}`,
    `  Help desk authenticator key:  ${helpDesk.email}  /  ${DEMO_AUTHENTICATOR_KEYS.helpDesk}`,
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
