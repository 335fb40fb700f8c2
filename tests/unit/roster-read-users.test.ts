import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES, fixtureCopy, fixtureText, fixtureZip, readRosterFully, removeScratchDirs } from "@/tests/helpers/roster-fixtures";

afterAll(removeScratchDirs);

const folder = (name: string) => path.join(FIXTURES, name);

describe("OneRoster 1.1 bulk", () => {
  it("yields schools and typed users with BOM, CRLF and quoted lists", async () => {
    const { version, schools, users, report } = await readRosterFully(folder("v1p1-bulk"));
    expect(report).toMatchObject({ outcome: "read", rowErrorCount: 0, warningCount: 0 });
    expect(version).toBe("1.1");
    expect(schools.map((s) => [s.sourcedId, s.name, s.identifier, s.parentSourcedId, s.status])).toEqual([
      ["sch-1", "Springfield Elementary", "SE-01", "d1", "active"],
      ["sch-2", "Shelbyville High, East", null, "d1", "active"],
    ]);
    expect(users.map((u) => [u.sourcedId, u.kind, u.line])).toEqual([
      ["s-100", "student", 2],
      ["s-101", "student", 3],
      ["p-200", "parent", 4],
      ["p-201", "guardian", 5],
      ["p-202", "relative", 6],
      ["t-300", "other", 7],
    ]);
    const [bart, lisa, marge] = users;
    expect(bart).toMatchObject({
      givenName: "Bart",
      familyName: "Simpson",
      middleName: "Jo",
      email: "bart@example.org",
      studentNumber: "000123",
      grades: ["04"],
      orgSourcedIds: ["sch-1"],
      agentSourcedIds: ["p-200", "p-201"],
      status: "active",
      dateLastModified: null,
    });
    expect(lisa).toMatchObject({ orgSourcedIds: ["sch-1", "sch-2"], grades: ["02", "03"], studentNumber: "000124" });
    expect(marge).toMatchObject({ kind: "parent", studentNumber: null, phone: "555-0100", sms: "555-0101" });
  });

  it("never carries the password column into a record", async () => {
    const { users } = await readRosterFully(folder("v1p1-bulk"));
    const text = JSON.stringify(users);
    expect(text).not.toContain("secret1");
    expect(text).not.toContain("hunter2");
  });

  it("reads the same records from a zip of the same files", async () => {
    const fromFolder = await readRosterFully(folder("v1p1-bulk"));
    const fromZip = await readRosterFully(await fixtureZip("v1p1-bulk"));
    expect(fromZip).toEqual(fromFolder);
  });
});

describe("OneRoster 1.2 and 1.2.1", () => {
  it("joins roles.csv for the kind and orgs, and reads metadata columns (1.2 header)", async () => {
    const { version, schools, users, report } = await readRosterFully(folder("v1p2-bulk"));
    expect(version).toBe("1.2");
    expect(schools.map((s) => s.sourcedId)).toEqual(["sch-1", "sch-2"]);
    expect(report.outcome).toBe("read");
    if (report.outcome !== "read") return;
    expect(report.rowErrors).toEqual([]);
    expect(report.warnings).toEqual([
      { severity: "warning", file: "manifest.csv", line: 2, column: "value", reason: 'manifest.version is "1" (a spreadsheet rewrote "1.0"); read as 1.0.' },
    ]);
    expect(users.map((u) => [u.sourcedId, u.kind, u.orgSourcedIds, u.relationship, u.language])).toEqual([
      ["s-100", "student", ["sch-1"], null, null],
      ["p-200", "parent", ["sch-1"], "Mother", "es"],
      ["p-201", "guardian", ["sch-1", "sch-2"], "Father", "vi"],
      ["t-300", "other", ["sch-1"], null, null],
    ]);
    expect(users[0]).toMatchObject({ studentNumber: "000123", agentSourcedIds: ["p-200"], grades: ["04"] });
  });

  it("tells 1.2.1 by the users.csv header and reads the ID number from a metadata column", async () => {
    const { version, users, report } = await readRosterFully(folder("v1p2p1-bulk"), { from: "metadata", column: "metadata.studentNumber" });
    expect(report).toMatchObject({ outcome: "read", rowErrorCount: 0 });
    expect(version).toBe("1.2.1");
    expect(users.map((u) => [u.sourcedId, u.kind, u.studentNumber])).toEqual([
      ["s-100", "student", "00042"],
      ["p-200", "relative", null],
    ]);
  });
});

describe("a 1.1 delta", () => {
  it("keeps status and dateLastModified, counts inactive as removed, rejects rows without them", async () => {
    const { schools, users, report } = await readRosterFully(folder("v1p1-delta"));
    expect(schools).toEqual([]);
    expect(users.map((u) => [u.sourcedId, u.status, u.dateLastModified?.toISOString()])).toEqual([
      ["s-100", "active", "2026-11-20T10:00:00.000Z"],
      ["p-201", "removed", "2026-11-20T10:00:00.000Z"],
      ["p-202", "removed", "2026-11-20T10:00:00.000Z"],
    ]);
    expect(users[0]).toMatchObject({ givenName: "Bartholomew", grades: ["05"] });
    if (report.outcome !== "read") throw new Error("expected a read report");
    expect(report.rowErrors).toEqual([
      { severity: "error", file: "users.csv", line: 5, column: "status", reason: "status is required and is empty." },
      { severity: "error", file: "users.csv", line: 6, column: "dateLastModified", reason: "dateLastModified is required and is empty." },
    ]);
    expect(report.warnings).toEqual([
      { severity: "warning", file: "users.csv", line: 4, column: "status", reason: 'status "inactive" (OneRoster 1.0) is read as tobedeleted.' },
    ]);
  });
});

describe("a 1.2 delta", () => {
  it("takes the kind from the delta roles.csv, and leaves it null for a user whose role did not change", async () => {
    const manifest = (await fixtureText("v1p2p1-bulk", "manifest.csv"))
      .replace("file.users,bulk", "file.users,delta")
      .replace("file.roles,bulk", "file.roles,delta");
    const users = (await fixtureText("v1p2p1-bulk", "users.csv"))
      .replace("s-100,,,", "s-100,active,2026-11-20T10:00:00.000Z,")
      .replace("p-200,,,", "p-200,tobedeleted,2026-11-20T10:00:00,");
    const roles = "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId\nr1,active,2026-11-20T10:00:00.000Z,s-100,primary,student,,,sch-1,\n";
    const dir = await fixtureCopy("v1p2p1-bulk", { "manifest.csv": manifest, "users.csv": users, "roles.csv": roles });
    const { users: read, report } = await readRosterFully(dir, { from: "metadata", column: "metadata.studentNumber" });
    expect(read.map((u) => [u.sourcedId, u.kind, u.status, u.dateLastModified?.toISOString()])).toEqual([
      ["s-100", "student", "active", "2026-11-20T10:00:00.000Z"],
      ["p-200", null, "removed", "2026-11-20T10:00:00.000Z"],
    ]);
    if (report.outcome !== "read") throw new Error("expected a read report");
    expect(report.rowErrors).toEqual([]);
    expect(report.warnings).toEqual([
      { severity: "warning", file: "users.csv", line: 3, column: "dateLastModified", reason: "dateLastModified should be in UTC (end with Z)." },
    ]);
  });
});

describe("control characters", () => {
  it("removes NUL and terminal escapes from values, wherever in the file they are", async () => {
    const text = await fixtureText("v1p1-bulk", "users.csv");
    const dir = await fixtureCopy("v1p1-bulk", { "users.csv": text.replace(",Marge,Simpson,", ",Mar\u0000ge,\u001b[31mSimpson,") });
    const { users, report } = await readRosterFully(dir);
    expect(report).toMatchObject({ outcome: "read", rowErrorCount: 0 });
    expect(users.find((u) => u.sourcedId === "p-200")).toMatchObject({ givenName: "Marge", familyName: "[31mSimpson" });
    expect(users.find((u) => u.sourcedId === "s-100")).toMatchObject({ givenName: "Bart", familyName: "Simpson" });
  });
});
