import { afterAll, describe, expect, it } from "vitest";
import { fixtureCopy, fixtureText, readRosterFully, removeScratchDirs } from "@/tests/helpers/roster-fixtures";

afterAll(removeScratchDirs);

async function structuralError(dir: string) {
  const { report, users, schools } = await readRosterFully(dir);
  expect(users).toEqual([]);
  expect(schools).toEqual([]);
  if (report.outcome !== "structural-error") throw new Error(`expected a structural error, got ${JSON.stringify(report)}`);
  return report.error;
}

describe("manifest.csv", () => {
  it("is required", async () => {
    const error = await structuralError(await fixtureCopy("v1p1-bulk", { "manifest.csv": null }));
    expect(error).toMatchObject({ file: "manifest.csv", reason: expect.stringContaining("has no manifest.csv") });
  });

  it("refuses an unknown OneRoster version", async () => {
    const manifest = (await fixtureText("v1p1-bulk", "manifest.csv")).replace("oneroster.version,1.1", "oneroster.version,1.0");
    const error = await structuralError(await fixtureCopy("v1p1-bulk", { "manifest.csv": manifest }));
    expect(error).toMatchObject({ file: "manifest.csv", line: 3, reason: 'oneroster.version "1.0" is not supported (expected 1.1 or 1.2).' });
  });

  it("refuses a mode other than absent, bulk or delta", async () => {
    const manifest = (await fixtureText("v1p1-bulk", "manifest.csv")).replace("file.users,bulk", "file.users,full");
    const error = await structuralError(await fixtureCopy("v1p1-bulk", { "manifest.csv": manifest }));
    expect(error.reason).toBe('file.users is "full": it must be absent, bulk or delta.');
  });

  it("must list users and orgs", async () => {
    const manifest = (await fixtureText("v1p1-delta", "manifest.csv")).replace("file.orgs,absent\n", "");
    const error = await structuralError(await fixtureCopy("v1p1-delta", { "manifest.csv": manifest }));
    expect(error.reason).toBe("manifest.csv has no file.orgs row (absent, bulk or delta).");
  });

  it("fails when a listed file is missing", async () => {
    const error = await structuralError(await fixtureCopy("v1p1-bulk", { "orgs.csv": null }));
    expect(error).toMatchObject({ file: "orgs.csv", reason: "manifest.csv says orgs.csv is bulk, but the package has no orgs.csv." });
  });

  it("fails when a file is present but marked absent", async () => {
    const dir = await fixtureCopy("v1p1-bulk", { "classes.csv": "sourcedId,status\nc1,\n" });
    const error = await structuralError(dir);
    expect(error).toMatchObject({ file: "classes.csv", reason: "The package has classes.csv, but manifest.csv marks it absent." });
  });

  it("needs roles.csv with a 1.2 users.csv", async () => {
    const manifest = (await fixtureText("v1p2p1-bulk", "manifest.csv")).replace("file.roles,bulk", "file.roles,absent");
    const error = await structuralError(await fixtureCopy("v1p2p1-bulk", { "manifest.csv": manifest, "roles.csv": null }));
    expect(error.file).toBe("roles.csv");
  });
});

describe("headers", () => {
  it("must be the spec's exact list, in order and case, with one clear message", async () => {
    const users = (await fixtureText("v1p1-bulk", "users.csv")).replace("orgSourcedIds,role,", "orgSourcedIds,Role,");
    const error = await structuralError(await fixtureCopy("v1p1-bulk", { "users.csv": users }));
    expect(error).toMatchObject({ file: "users.csv", line: 1 });
    expect(error.reason).toMatch(/^users\.csv: column 6 is "Role" where "role" was expected\. users\.csv must start with the OneRoster 1\.1 columns: sourcedId,status,/);
  });

  it("accepts metadata.* columns only to the right", async () => {
    const orgs = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,metadata.region,notes\nsch-1,,,A,school,,,north,x\n";
    const error = await structuralError(await fixtureCopy("v1p1-bulk", { "orgs.csv": orgs }));
    expect(error.reason).toBe('orgs.csv: extra column 9 "notes" must be named metadata.<something> (extensions go after the standard columns).');
  });

  it("refuses a column named twice", async () => {
    const orgs = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId,metadata.a,metadata.a\nsch-1,,,A,school,,,1,2\n";
    const error = await structuralError(await fixtureCopy("v1p1-bulk", { "orgs.csv": orgs }));
    expect(error.reason).toBe('orgs.csv: the column "metadata.a" appears twice in the header.');
  });

  it("names the misspelled column of a real roles.csv defect", async () => {
    const roles = (await fixtureText("v1p2-bulk", "roles.csv")).replace("dateLastModified", "dataLastModified");
    const error = await structuralError(await fixtureCopy("v1p2-bulk", { "roles.csv": roles }));
    expect(error.reason).toMatch(/^roles\.csv: column 3 is "dataLastModified" where "dateLastModified" was expected/);
  });

  it("recognizes a 1.0 users.csv", async () => {
    const users = "sourcedId,status,dateLastModified,orgSourcedIds,role,username,userId,givenName,familyName,identifier,email,sms,phone,agents\n";
    const error = await structuralError(await fixtureCopy("v1p1-bulk", { "users.csv": `${users}s1,,,sch-1,student,a,,A,B,1,,,,\n` }));
    expect(error.reason).toContain("OneRoster 1.0 columns");
  });

  it("refuses a file with no header at all", async () => {
    const error = await structuralError(await fixtureCopy("v1p1-bulk", { "orgs.csv": "" }));
    expect(error.reason).toBe("orgs.csv is empty: it needs at least its header row.");
  });

  it("warns on a header with no rows", async () => {
    const orgs = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\n";
    const { report } = await readRosterFully(await fixtureCopy("v1p1-bulk", { "orgs.csv": orgs }));
    expect(report).toMatchObject({ outcome: "read", warnings: [{ file: "orgs.csv", reason: expect.stringContaining("no rows") }] });
  });
});

describe("lenient on known manifest defects", () => {
  it("reads an empty file.* value as absent, with a warning", async () => {
    const manifest = (await fixtureText("v1p1-bulk", "manifest.csv")).replace("file.courses,absent", "file.courses,");
    const { report, users } = await readRosterFully(await fixtureCopy("v1p1-bulk", { "manifest.csv": manifest }));
    expect(users).toHaveLength(6);
    expect(report).toMatchObject({ outcome: "read", warnings: [{ file: "manifest.csv", column: "value", reason: "file.courses has no value; read as absent." }] });
  });
});
