import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_RECORD_CHARS } from "@/lib/roster/read-csv-rows";
import { FIXTURES, fixtureCopy, fixtureText, readRosterFully, removeScratchDirs } from "@/tests/helpers/roster-fixtures";

afterAll(removeScratchDirs);

describe("row problems reject that row only, with file, line, column and a plain reason", () => {
  it("reports each defect of v1p1-defects at its line and keeps the good rows", async () => {
    const { users, report } = await readRosterFully(path.join(FIXTURES, "v1p1-defects"));
    expect(users.map((u) => [u.sourcedId, u.line])).toEqual([
      ["s-1", 2],
      ["s-8", 10],
      ["s-9", 11],
    ]);
    expect(users[2]?.familyName).toBe('O"Neil');
    if (report.outcome !== "read") throw new Error("expected a read report");
    expect(report.rowErrors.map(({ line, column, reason }) => ({ line, column, reason }))).toEqual([
      { line: 3, column: "givenName", reason: "givenName is required and is empty." },
      { line: 4, column: "familyName", reason: "A value contains a line break, which OneRoster does not allow." },
      { line: 6, column: null, reason: "This row has 19 fields but the header has 18 (an extra comma?)." },
      { line: 7, column: "role", reason: 'role "principal" is not a OneRoster 1.1 role.' },
      { line: 8, column: "sourcedId", reason: 'sourcedId "s-1" appears on an earlier line too.' },
      { line: 9, column: "identifier", reason: "This student has no student ID number." },
    ]);
    expect(report.rowErrors.every((e) => e.file === "users.csv" && e.severity === "error")).toBe(true);
    expect(report.warnings.map(({ line, column }) => [line, column])).toEqual([[10, "status"]]);
  });

  it("counts lines right after a CRLF inside a quoted value", async () => {
    const users = (await fixtureText("v1p1-defects", "users.csv")).replace(/\n/g, "\r\n");
    const dir = await fixtureCopy("v1p1-defects", { "users.csv": users });
    const { report } = await readRosterFully(dir);
    if (report.outcome !== "read") throw new Error("expected a read report");
    expect(report.rowErrors.map((e) => e.line)).toEqual([3, 4, 6, 7, 8, 9]);
  });

  it("counts empty lines and a rejected quote row, so later lines stay exact", async () => {
    const lines = (await fixtureText("v1p1-defects", "users.csv")).split("\n");
    lines.splice(2, 0, "", 's-q,,,true,sch-1,student,q,,Q,"Qu"o"te",,099,,,,,,');
    const dir = await fixtureCopy("v1p1-defects", { "users.csv": lines.join("\r\n") });
    const { report } = await readRosterFully(dir);
    if (report.outcome !== "read") throw new Error("expected a read report");
    expect(report.rowErrors.map((e) => [e.line, e.column])).toEqual([
      [4, null],
      [5, "givenName"],
      [6, "familyName"],
      [8, null],
      [9, "role"],
      [10, "sourcedId"],
      [11, "identifier"],
    ]);
  });

  it("rejects a row whose quoted value has text after its closing quote and reads on", async () => {
    const text = await fixtureText("v1p1-bulk", "users.csv");
    const lines = text.split("\r\n");
    lines.splice(3, 0, 's-x,,,true,sch-1,student,x,,Xe,"Bad"quo"te",,077,,,,,,');
    const dir = await fixtureCopy("v1p1-bulk", { "users.csv": lines.join("\r\n") });
    const { users, report } = await readRosterFully(dir);
    expect(users.map((u) => u.sourcedId)).toEqual(["s-100", "s-101", "p-200", "p-201", "p-202", "t-300"]);
    expect(report).toMatchObject({ outcome: "read", rowErrorCount: 1 });
    if (report.outcome === "read") expect(report.rowErrors[0]).toMatchObject({ file: "users.csv", line: 4 });
  });

  it("reads a quote inside an unquoted value as a quote, as PostgreSQL and spreadsheets do", async () => {
    const text = await fixtureText("v1p1-bulk", "users.csv");
    const lines = text.split("\r\n");
    lines.splice(3, 0, 's-x,,,true,sch-1,student,x,,Xe,Bad"quote,,077,,,,,,');
    const dir = await fixtureCopy("v1p1-bulk", { "users.csv": lines.join("\r\n") });
    const { users, report } = await readRosterFully(dir);
    expect(users.find((u) => u.sourcedId === "s-x")?.familyName).toBe('Bad"quote');
    expect(report).toMatchObject({ outcome: "read", rowErrorCount: 0 });
  });

  it("fails the file when a quoted value's closing quote is followed by text, instead of losing the rows it runs into", async () => {
    const text = await fixtureText("v1p1-bulk", "users.csv");
    const lines = text.split("\r\n");
    lines.splice(3, 0, 's-x,,,true,sch-1,student,x,,Xe,"Bad"quote,,077,,,,,,');
    const dir = await fixtureCopy("v1p1-bulk", { "users.csv": lines.join("\r\n") });
    const { report } = await readRosterFully(dir);
    expect(report).toMatchObject({ outcome: "structural-error", error: { file: "users.csv", line: 4 } });
  });

  it("fails the file when a quote is never closed, instead of losing every later row", async () => {
    const text = await fixtureText("v1p1-bulk", "users.csv");
    const lines = text.split("\r\n");
    lines.splice(3, 0, 's-x,,,true,sch-1,student,x,,"Xe,Open,,077,,,,,,');
    const dir = await fixtureCopy("v1p1-bulk", { "users.csv": lines.join("\r\n") });
    const { report } = await readRosterFully(dir);
    expect(report.outcome).toBe("structural-error");
    if (report.outcome === "structural-error") {
      expect(report.error.file).toBe("users.csv");
      expect(report.error).toMatchObject({ line: 4, reason: expect.stringContaining("line 4: a quoted value is never closed") });
    }
  });

  it("rejects an unknown 1.2 role in roles.csv, accepts ext: roles as other, and a bulk user without a role", async () => {
    const roles = await fixtureText("v1p2p1-bulk", "roles.csv");
    const dir = await fixtureCopy("v1p2p1-bulk", {
      "roles.csv": roles.replace("r2,,,p-200,primary,relative", "r2,,,p-200,primary,Parent") + "r3,,,s-100,secondary,ext:mentor,,,sch-1,\n",
    });
    const { users, report } = await readRosterFully(dir, { from: "metadata", column: "metadata.studentNumber" });
    expect(users.map((u) => [u.sourcedId, u.kind])).toEqual([["s-100", "student"]]);
    if (report.outcome !== "read") throw new Error("expected a read report");
    expect(report.rowErrors).toEqual([
      { severity: "error", file: "roles.csv", line: 3, column: "role", reason: 'role "Parent" is not a OneRoster 1.2 role.' },
      { severity: "error", file: "users.csv", line: 3, column: "sourcedId", reason: 'The user "p-200" has no active role in roles.csv.' },
    ]);
  });

  it("warns on a metadata.language outside en/es/vi/ar and keeps the row", async () => {
    const users = await fixtureText("v1p2-bulk", "users.csv");
    const dir = await fixtureCopy("v1p2-bulk", { "users.csv": users.replace("Mother,es", "Mother,fr") });
    const { users: read, report } = await readRosterFully(dir);
    expect(read.find((u) => u.sourcedId === "p-200")?.language).toBeNull();
    if (report.outcome !== "read") throw new Error("expected a read report");
    expect(report.warnings).toContainEqual({
      severity: "warning",
      file: "users.csv",
      line: 3,
      column: "metadata.language",
      reason: 'Language "fr" is not one of en, es, vi, ar; the default is used.',
    });
  });
});

describe("the student ID number source", () => {
  const bulk = path.join(FIXTURES, "v1p1-bulk");
  const numbers = async (source: Parameters<typeof readRosterFully>[1]) =>
    (await readRosterFully(bulk, source)).users.filter((u) => u.kind === "student").map((u) => u.studentNumber);

  it("reads identifier by default, sourcedId, or a typed userIds entry, as text", async () => {
    expect(await numbers(undefined)).toEqual(["000123", "000124"]);
    expect(await numbers({ from: "sourcedId" })).toEqual(["s-100", "s-101"]);
    expect(await numbers({ from: "userIds", type: "Local" })).toEqual(["863", "0864"]);
  });

  it("rejects a student whose chosen source is empty", async () => {
    const { users, report } = await readRosterFully(bulk, { from: "userIds", type: "LDAP" });
    expect(users.filter((u) => u.kind === "student").map((u) => u.sourcedId)).toEqual(["s-101"]);
    if (report.outcome !== "read") throw new Error("expected a read report");
    expect(report.rowErrors).toEqual([
      { severity: "error", file: "users.csv", line: 2, column: "userIds", reason: "This student has no student ID number." },
    ]);
  });

  it("fails before any row when the chosen metadata column does not exist", async () => {
    const { report } = await readRosterFully(bulk, { from: "metadata", column: "metadata.studentNumber" });
    expect(report).toMatchObject({ outcome: "structural-error", error: { file: "users.csv" } });
  });
});

describe("hostile files", () => {
  it("fails a file with a row longer than the record limit instead of buffering it", async () => {
    const text = await fixtureText("v1p1-bulk", "users.csv");
    const dir = await fixtureCopy("v1p1-bulk", { "users.csv": `${text}${"x".repeat(MAX_RECORD_CHARS + 10)}\r\n` });
    const { report } = await readRosterFully(dir);
    expect(report).toMatchObject({ outcome: "structural-error", error: { file: "users.csv", line: 8 } });
  });

  it("clips a reason that quotes a huge value", async () => {
    const text = await fixtureText("v1p1-bulk", "users.csv");
    const dir = await fixtureCopy("v1p1-bulk", { "users.csv": text.replace("t-300,,,true,sch-1,teacher", `t-300,,,true,sch-1,${"r".repeat(5000)}`) });
    const { report } = await readRosterFully(dir);
    if (report.outcome !== "read") throw new Error("expected a read report");
    expect(report.rowErrors).toHaveLength(1);
    expect(report.rowErrors[0]?.reason.length).toBe(500);
  });
});
