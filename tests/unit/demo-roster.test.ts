import { afterAll, describe, expect, it } from "vitest";
import { buildDemoRosterFiles, buildDemoRosterZip, buildSeedDistrict, demoSourcedId } from "@/scripts/demo/build-demo-roster";
import { readRosterFully, removeScratchDirs, writeZip, type RosterReadout } from "@/tests/helpers/roster-fixtures";

/** Links as "student|contact", from whichever side lists them. */
function linksOf(readout: RosterReadout): Set<string> {
  const links = new Set<string>();
  for (const user of readout.users) {
    for (const agent of user.agentSourcedIds) links.add(user.kind === "student" ? `${user.sourcedId}|${agent}` : `${agent}|${user.sourcedId}`);
  }
  return links;
}

describe("scripts/demo/build-demo-roster.ts (the demo district as OneRoster 1.2)", () => {
  const district = buildSeedDistrict();
  let readout: RosterReadout;

  afterAll(removeScratchDirs);

  it("is a OneRoster 1.2 bulk package the reader takes without a row error or warning", async () => {
    readout = await readRosterFully(await writeZip(buildDemoRosterFiles(district)));
    expect(readout.report).toMatchObject({ outcome: "read", rowErrorCount: 0, warningCount: 0 });
    expect(readout.version).toBe("1.2");
    expect(readout.schools.map((school) => school.identifier)).toEqual(["RES", "LES", "CCE", "JMS", "SMS", "RHS"]);
    const students = readout.users.filter((user) => user.kind === "student");
    expect(students).toHaveLength(300);
    expect(readout.users.length - students.length).toBe(district.contacts.length);
  });

  it("keeps the student ID number as zero-padded text in identifier", () => {
    const students = readout.users.filter((user) => user.kind === "student");
    expect(students.map((user) => user.studentNumber)).toEqual(district.students.map((student) => student.studentNumber));
    expect(students.some((user) => user.studentNumber!.startsWith("0"))).toBe(true);
  });

  it("lists each family's links from both sides, or from the student or the contact side only, and together they are every link", () => {
    const bySide = (kind: "student" | "contact") => readout.users.filter((user) => (user.kind === "student") === (kind === "student") && user.agentSourcedIds.length > 0).length;
    expect(bySide("student")).toBeGreaterThan(0);
    expect(bySide("student")).toBeLessThan(300);
    expect(bySide("contact")).toBeGreaterThan(0);
    expect(bySide("contact")).toBeLessThan(district.contacts.length);
    const expected = new Set(district.links.map((link) => `${demoSourcedId("student", link.studentId)}|${demoSourcedId("contact", link.contactId)}`));
    expect(linksOf(readout)).toEqual(expected);
  });

  it("carries each contact's relationship, language and OneRoster role", () => {
    const contacts = readout.users.filter((user) => user.kind !== "student");
    const maria = contacts.find((user) => user.sourcedId === demoSourcedId("contact", 1))!;
    expect(maria).toMatchObject({ givenName: "María", familyName: "García", email: "maria.garcia@example.com", language: "es", relationship: "Mother", kind: "parent" });
    expect(new Set(contacts.map((user) => user.language))).toEqual(new Set(["en", "es", "vi", "ar"]));
    expect(contacts.filter((user) => user.relationship === "Grandmother").every((user) => user.kind === "relative")).toBe(true);
    expect(new Set(contacts.map((user) => user.kind))).toEqual(new Set(["parent", "guardian", "relative"]));
  });

  it("buildDemoRosterZip gives the same package every time (the download and the seed agree)", () => {
    expect(buildDemoRosterZip().equals(buildDemoRosterZip())).toBe(true);
  });
});
