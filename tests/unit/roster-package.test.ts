import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openRosterPackage } from "@/lib/roster/open-roster-package";
import { RosterStructuralError } from "@/lib/roster/roster-report";
import { fixtureCopy, fixtureZip, readRosterFully, removeScratchDirs, writeZip } from "@/tests/helpers/roster-fixtures";

afterAll(removeScratchDirs);

async function refusal(source: string): Promise<RosterStructuralError> {
  const error = await openRosterPackage(source).then(
    async (pkg) => {
      await pkg.close();
      return null;
    },
    (err: unknown) => err,
  );
  if (!(error instanceof RosterStructuralError)) throw new Error(`expected a RosterStructuralError, got ${String(error)}`);
  return error;
}

describe("opening a zip", () => {
  it("streams the CSVs at the root and ignores what macOS adds", async () => {
    const zip = await fixtureZip("v1p1-bulk", [
      { name: "__MACOSX/._users.csv", data: "junk" },
      { name: ".DS_Store", data: "junk" },
    ]);
    const { users, report } = await readRosterFully(zip);
    expect(report).toMatchObject({ outcome: "read", rowErrorCount: 0 });
    expect(users).toHaveLength(6);
  });

  it("reads stored (uncompressed) entries too", async () => {
    const zip = await writeZip([{ name: "manifest.csv", data: "propertyName,value\n", store: true }]);
    const pkg = await openRosterPackage(zip);
    expect(pkg.fileNames).toEqual(["manifest.csv"]);
    await pkg.close();
  });

  it("refuses files inside a folder", async () => {
    const error = await refusal(await writeZip([{ name: "export/users.csv", data: "x" }]));
    expect(error.message).toBe('"export/users.csv" is not at the zip root: put the CSV files at the root, with no folder.');
  });

  it("refuses path tricks", async () => {
    for (const name of ["../users.csv", "/etc/users.csv", "a\\..\\users.csv"]) {
      const error = await refusal(await writeZip([{ name, data: "x" }]));
      expect(error.file).toBe("package.zip");
    }
  });

  it("refuses the same name twice", async () => {
    const error = await refusal(await writeZip([{ name: "users.csv", data: "a" }, { name: "users.csv", data: "b" }]));
    expect(error.message).toBe('The zip holds "users.csv" twice.');
  });

  it("refuses a zip bomb and files over the size limit", async () => {
    const bomb = await writeZip([{ name: "users.csv", data: Buffer.alloc(8 * 1024 * 1024) }]);
    expect((await refusal(bomb)).message).toContain("zip bomb");
    const big = await writeZip([{ name: "users.csv", data: "x".repeat(2000), store: true }]);
    const error = await openRosterPackage(big, { maxFileBytes: 1000, maxTotalBytes: 10_000, maxEntries: 10, maxCompressionRatio: 200 }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RosterStructuralError);
    expect((error as Error).message).toBe('"users.csv" is larger than 1000 bytes once unzipped.');
  });

  it("refuses what is not a zip", async () => {
    const dir = await fixtureCopy("v1p1-bulk");
    const fake = path.join(dir, "fake.zip");
    await writeFile(fake, "not a zip at all");
    expect((await refusal(fake)).message).toMatch(/^The file is not a readable zip/);
    expect((await refusal(path.join(dir, "users.csv"))).message).toBe("A OneRoster package is a .zip file or a folder of CSV files.");
  });
});

describe("opening a folder", () => {
  it("takes only the .csv files directly inside it", async () => {
    const dir = await fixtureCopy("v1p1-bulk");
    await mkdir(path.join(dir, "old"));
    await writeFile(path.join(dir, "old", "users.csv"), "ignored");
    await writeFile(path.join(dir, "README.txt"), "ignored");
    const pkg = await openRosterPackage(dir);
    expect([...pkg.fileNames].sort()).toEqual(["manifest.csv", "orgs.csv", "users.csv"]);
    await pkg.close();
  });

  it("refuses a symlinked CSV", async () => {
    const dir = await fixtureCopy("v1p1-bulk");
    await symlink("/etc/hostname", path.join(dir, "classes.csv"));
    expect((await refusal(dir)).message).toBe("classes.csv is not a plain file.");
  });
});
