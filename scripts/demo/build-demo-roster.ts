// The demo district as a OneRoster 1.2 package (manifest, orgs, users, roles; all bulk), the
// way an SIS exports it: the seed imports it through importRoster, and the import page offers
// it as "Download an example package". Links are listed from both sides for some families
// and from one side only for others (real exports do either); the contact's relationship and
// language travel in metadata.relationship and metadata.language; the student ID number is
// `identifier`, zero-padded text.
import { defaultDistrictSettings } from "@/lib/settings/district-settings";
import { buildZip, type ZipInput } from "@/lib/zip/build-zip";
import { asciiWord, buildDemoDistrict, DEMO_SCHOOLS, type DemoDistrict } from "./build-demo-district";
import { cedsGrade, manifestCsv, orgLine, orgsHeader, roleLine, rolesHeader, userLine, usersHeader, type RoleRow } from "./oneroster-csv";

export const DEMO_TARGET_STUDENTS = 300;
export const DEMO_ROSTER_FILE_NAME = "riverside-demo-oneroster-1.2.zip";
const DISTRICT_SOURCED_ID = "demo-district";

export function demoSourcedId(kind: "student" | "contact", id: number): string {
  return `demo-${kind === "student" ? "stu" : "con"}-${String(id).padStart(4, "0")}`;
}

const schoolSourcedId = (schoolId: number) => `demo-sch-${DEMO_SCHOOLS.find((school) => school.id === schoolId)!.code.toLowerCase()}`;

/** OneRoster role of a demo relationship; the relationship itself goes in metadata.relationship. */
function roleOf(relationship: string): RoleRow["role"] {
  if (/^(Step)?(Mother|Father)$/.test(relationship)) return "parent";
  return relationship === "Guardian" ? "guardian" : "relative";
}

/** Which side lists a family's links: both, the student rows only, or the contact rows only. */
function sidesOf(family: number): { student: boolean; contact: boolean } {
  const kind = family % 3;
  return { student: kind !== 0, contact: kind !== 2 };
}

/** The district built the way the seed builds it (same seed, same size). */
export function buildSeedDistrict(staffDomain = defaultDistrictSettings().staffEmailDomains[0] ?? "riverside.example.org"): DemoDistrict {
  return buildDemoDistrict({ targetStudents: DEMO_TARGET_STUDENTS, staffDomain });
}

/** The package's files, in the order an SIS writes them. */
export function buildDemoRosterFiles(district: DemoDistrict): ZipInput[] {
  const contactsOf = new Map<number, number[]>();
  const studentsOf = new Map<number, number[]>();
  const relationshipOf = new Map<number, string>();
  for (const link of district.links) {
    contactsOf.set(link.studentId, [...(contactsOf.get(link.studentId) ?? []), link.contactId]);
    studentsOf.set(link.contactId, [...(studentsOf.get(link.contactId) ?? []), link.studentId]);
    if (!relationshipOf.has(link.contactId)) relationshipOf.set(link.contactId, link.relationship);
  }
  const studentById = new Map(district.students.map((student) => [student.id, student]));
  const usernameOf = new Map(district.accounts.map((account) => [account.contactId, account.username]));

  let orgs = orgsHeader() + orgLine({ sourcedId: DISTRICT_SOURCED_ID, name: "Riverside Unified School District", type: "district" });
  for (const school of district.schools) {
    orgs += orgLine({ sourcedId: schoolSourcedId(school.id), name: school.name, type: "school", identifier: school.code, parentSourcedId: DISTRICT_SOURCED_ID });
  }

  let users = usersHeader();
  let roles = rolesHeader();
  for (const student of district.students) {
    const sourcedId = demoSourcedId("student", student.id);
    const agents = sidesOf(student.family).student ? (contactsOf.get(student.id) ?? []) : [];
    users += userLine({
      sourcedId,
      username: `s${student.studentNumber}`,
      givenName: student.firstName,
      familyName: student.lastName,
      identifier: student.studentNumber,
      agentSourcedIds: agents.map((id) => demoSourcedId("contact", id)),
      grades: [cedsGrade(student.grade)],
      primaryOrgSourcedId: schoolSourcedId(student.schoolId),
    });
    roles += roleLine({ sourcedId: `demo-role-${sourcedId}`, userSourcedId: sourcedId, role: "student", orgSourcedId: schoolSourcedId(student.schoolId) });
  }
  for (const contact of district.contacts) {
    const sourcedId = demoSourcedId("contact", contact.id);
    const children = studentsOf.get(contact.id) ?? [];
    const relationship = relationshipOf.get(contact.id) ?? "Guardian";
    users += userLine({
      sourcedId,
      username: usernameOf.get(contact.id) ?? contact.email ?? `${asciiWord(contact.firstName)}.${asciiWord(contact.lastName)}.${contact.id}`,
      givenName: contact.firstName,
      familyName: contact.lastName,
      email: contact.email,
      phone: contact.phone,
      agentSourcedIds: sidesOf(contact.family).contact ? children.map((id) => demoSourcedId("student", id)) : [],
      relationship,
      language: contact.preferredLocale,
    });
    // A parent's role sits at the first child's school, as SIS exports usually place it.
    const school = studentById.get(children[0]!)!.schoolId;
    roles += roleLine({ sourcedId: `demo-role-${sourcedId}`, userSourcedId: sourcedId, role: roleOf(relationship), orgSourcedId: schoolSourcedId(school) });
  }

  return [
    { name: "manifest.csv", data: manifestCsv({ orgs: "bulk", users: "bulk", roles: "bulk" }, "Riverside demo SIS") },
    { name: "orgs.csv", data: orgs },
    { name: "users.csv", data: users },
    { name: "roles.csv", data: roles },
  ];
}

/** The demo package as a .zip (about 40 KB), as the seed imports it and the import page offers it. */
export function buildDemoRosterZip(options: { staffDomain?: string } = {}): Buffer {
  return buildZip(buildDemoRosterFiles(buildSeedDistrict(options.staffDomain)));
}
