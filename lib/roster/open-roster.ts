import type { Readable } from "node:stream";
import { openRosterPackage } from "./open-roster-package";
import { readCsvRows } from "./read-csv-rows";
import { readManifest, type RosterManifest } from "./read-manifest";
import { readOrgs } from "./read-orgs";
import { readRoles } from "./read-roles";
import { readUsers } from "./read-users";
import { assertHeader, usersVersionFromHeader, type RosterFileName } from "./roster-headers";
import { DEFAULT_PACKAGE_LIMITS, type RosterPackage, type RosterPackageLimits } from "./roster-package";
import type { RosterMode, RosterSchool, RosterUser, RosterVersion } from "./roster-records";
import { createRosterIssueLog, RosterStructuralError, type RosterIssueLog } from "./roster-report";
import { assertStudentIdColumnExists, DEFAULT_STUDENT_ID_SOURCE, type StudentIdSource } from "./student-id-source";

export type OpenRosterOptions = {
  issues: RosterIssueLog;
  studentIdSource?: StudentIdSource;
  limits?: RosterPackageLimits;
  /** Told the sourcedId of each rejected orgs/users row that has one (bulk must not remove those). */
  onRejectedId?: (file: "orgs.csv" | "users.csv", sourcedId: string) => void;
  /** Told, once users.csv is read, the lines whose agentSourcedIds name someone outside it (see readUsers). */
  onAgentsOutsideFile?: (lines: number[]) => void;
};

/** An opened, structurally checked package; the rows are read (once each) by iterating. */
export type Roster = {
  version: RosterVersion;
  manifest: RosterManifest;
  /** Mode of each file we read; "absent" when the package does not carry it. */
  modes: Record<"orgs" | "users" | "roles", RosterMode | "absent">;
  schools(): AsyncGenerator<RosterSchool>;
  /** In 1.2 reads roles.csv first (the join), then streams users.csv, a batch of records per piece read. */
  userBatches(): AsyncGenerator<RosterUser[]>;
  close(): Promise<void>;
};

const MANIFEST = "manifest.csv";
const REQUIRED_LISTING = ["orgs.csv", "users.csv"];

/**
 * Opens a .zip or folder and checks everything that can fail the whole import before a row is
 * used: the manifest, files listed vs present, and the headers of the files we read. Throws
 * RosterStructuralError; row problems go to `issues` while iterating. A RosterStructuralError can
 * still be thrown while iterating (a quote never closed): the import must then fail as a whole.
 */
export async function openRoster(source: string, options: OpenRosterOptions): Promise<Roster> {
  const pkg = await openRosterPackage(source, options.limits ?? DEFAULT_PACKAGE_LIMITS);
  try {
    return await checkPackage(pkg, options);
  } catch (err) {
    await pkg.close();
    throw err;
  }
}

async function checkPackage(pkg: RosterPackage, options: OpenRosterOptions): Promise<Roster> {
  const { issues } = options;
  const studentIdSource = options.studentIdSource ?? DEFAULT_STUDENT_ID_SOURCE;
  if (!pkg.fileNames.includes(MANIFEST)) {
    throw new RosterStructuralError(MANIFEST, "The package has no manifest.csv (OneRoster 1.0 packages are not supported).");
  }
  const manifest = await readManifest(await pkg.openFile(MANIFEST), issues);
  for (const name of REQUIRED_LISTING) {
    if (!manifest.listed.has(name)) {
      throw new RosterStructuralError(MANIFEST, `manifest.csv has no file.${name.replace(".csv", "")} row (absent, bulk or delta).`);
    }
  }
  if (manifest.onerosterVersion === "1.2" && !manifest.listed.has("roles.csv")) {
    throw new RosterStructuralError(MANIFEST, "manifest.csv has no file.roles row, which OneRoster 1.2 requires.");
  }
  for (const [name, mode] of manifest.files) {
    if (!pkg.fileNames.includes(name)) throw new RosterStructuralError(name, `manifest.csv says ${name} is ${mode}, but the package has no ${name}.`);
  }
  for (const name of pkg.fileNames) {
    if (name !== MANIFEST && !manifest.files.has(name)) {
      const listing = manifest.listed.has(name) ? "marks it absent" : "does not list it";
      throw new RosterStructuralError(name, `The package has ${name}, but manifest.csv ${listing}.`);
    }
  }
  const modeOf = (name: string): RosterMode | "absent" => manifest.files.get(name) ?? "absent";
  const modes = { orgs: modeOf("orgs.csv"), users: modeOf("users.csv"), roles: modeOf("roles.csv") };
  if (manifest.onerosterVersion === "1.2" && modes.users !== "absent" && modes.roles === "absent") {
    throw new RosterStructuralError("roles.csv", "In OneRoster 1.2 users.csv comes with roles.csv (a user's role is only there), but roles.csv is absent.");
  }
  if (manifest.onerosterVersion === "1.1" && modes.roles !== "absent") {
    issues.warning(MANIFEST, null, null, "roles.csv is not part of OneRoster 1.1 and is ignored.");
  }

  let version: RosterVersion = manifest.onerosterVersion;
  if (modes.users !== "absent") {
    const header = await readHeader(pkg, "users.csv", issues);
    if (manifest.onerosterVersion === "1.2") version = usersVersionFromHeader(header);
    assertStudentIdColumnExists(studentIdSource, assertHeader("users.csv", version, header));
  }
  if (modes.orgs !== "absent") assertHeader("orgs.csv", version, await readHeader(pkg, "orgs.csv", issues));
  const readsRoles = version !== "1.1" && modes.roles !== "absent";
  if (readsRoles) assertHeader("roles.csv", version, await readHeader(pkg, "roles.csv", issues));

  return {
    version,
    manifest,
    modes,
    async *schools() {
      if (modes.orgs === "absent") return;
      const onRejectedId = options.onRejectedId;
      yield* readOrgs(await pkg.openFile("orgs.csv"), version, modes.orgs, issues, onRejectedId && ((id) => onRejectedId("orgs.csv", id)));
    },
    async *userBatches() {
      if (modes.users === "absent") return;
      const rolesMode = readsRoles ? modes.roles : "absent";
      const roles = rolesMode === "absent" ? null : await readRoles(await pkg.openFile("roles.csv"), version, rolesMode, issues);
      const input = await pkg.openFile("users.csv");
      const onRejectedId = options.onRejectedId;
      yield* readUsers(
        input,
        {
          manifestVersion: manifest.onerosterVersion,
          mode: modes.users,
          studentIdSource,
          roles,
          onRejectedId: onRejectedId && ((id) => onRejectedId("users.csv", id)),
          onAgentsOutsideFile: options.onAgentsOutsideFile,
        },
        issues,
      );
    },
    close: () => pkg.close(),
  };
}

/** The header row alone, so every header is checked before any row is used. */
async function readHeader(pkg: RosterPackage, name: RosterFileName, issues: RosterIssueLog): Promise<string[]> {
  const input: Readable = await pkg.openFile(name);
  let header: string[] | null = null;
  let hasRows = false;
  // The first rows are read again later; their problems are reported then, not twice.
  const scratch = createRosterIssueLog(1);
  try {
    for await (const _row of readCsvRows(name, input, scratch, (names) => {
      header = names;
    })) {
      hasRows = true;
      break;
    }
  } catch (err) {
    // A problem further down is reported when the rows are read; only a missing header counts here.
    if (!header) throw err;
  } finally {
    input.destroy();
  }
  if (!header) throw new RosterStructuralError(name, `${name} is empty: it needs at least its header row.`);
  if (!hasRows && rowErrorCount(scratch) === 0) issues.warning(name, null, null, `${name} has a header and no rows; mark it absent in manifest.csv instead.`);
  return header;
}

function rowErrorCount(log: RosterIssueLog): number {
  const report = log.toReport();
  return report.outcome === "read" ? report.rowErrorCount : 0;
}
