import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openRoster } from "@/lib/roster/open-roster";
import type { RosterSchool, RosterUser } from "@/lib/roster/roster-records";
import { createRosterIssueLog, RosterStructuralError, type RosterReport } from "@/lib/roster/roster-report";
import type { StudentIdSource } from "@/lib/roster/student-id-source";
import { buildZip } from "./build-zip";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/oneroster");

export type RosterReadout = {
  version: string | null;
  schools: RosterSchool[];
  users: RosterUser[];
  report: RosterReport;
};

/** Reads a whole package the way an import does, collecting what comes out (tests are tiny). */
export async function readRosterFully(source: string, studentIdSource?: StudentIdSource): Promise<RosterReadout> {
  const issues = createRosterIssueLog();
  const schools: RosterSchool[] = [];
  const users: RosterUser[] = [];
  try {
    const roster = await openRoster(source, { issues, studentIdSource });
    try {
      for await (const school of roster.schools()) schools.push(school);
      for await (const batch of roster.userBatches()) users.push(...batch);
    } finally {
      await roster.close();
    }
    return { version: roster.version, schools, users, report: issues.toReport() };
  } catch (err) {
    if (!(err instanceof RosterStructuralError)) throw err;
    return { version: null, schools: [], users: [], report: issues.toReport(err) };
  }
}

const scratchDirs: string[] = [];

/** A writable copy of a fixture folder, with files replaced (string) or removed (null). */
export async function fixtureCopy(name: string, changes: Record<string, string | null> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "roster-"));
  scratchDirs.push(dir);
  await cp(path.join(FIXTURES, name), dir, { recursive: true });
  for (const [file, text] of Object.entries(changes)) {
    if (text === null) await rm(path.join(dir, file));
    else await writeFile(path.join(dir, file), text);
  }
  return dir;
}

/** The fixture folder zipped at its root, written to a temp file. */
export async function fixtureZip(name: string, extra: { name: string; data: string | Buffer }[] = []): Promise<string> {
  const dir = path.join(FIXTURES, name);
  const files = await Promise.all(
    (await readdir(dir)).map(async (file) => ({ name: file, data: await readFile(path.join(dir, file)) })),
  );
  return writeZip([...files, ...extra]);
}

export async function writeZip(files: { name: string; data: string | Buffer; store?: boolean }[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "roster-zip-"));
  scratchDirs.push(dir);
  const file = path.join(dir, "package.zip");
  await writeFile(file, buildZip(files));
  return file;
}

export async function removeScratchDirs(): Promise<void> {
  await Promise.all(scratchDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export async function fixtureText(name: string, file: string): Promise<string> {
  return readFile(path.join(FIXTURES, name, file), "utf8");
}
