// Small OneRoster 1.1 packages written from a few lines of test code (1.1 keeps a user's role on
// its own row, so one list of users says everything), for the import's merge rules.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { importRoster } from "@/lib/roster/import-roster";
import type { RosterImportOptions } from "@/lib/roster/import-roster-types";

export type TestUser = {
  id: string;
  role: "student" | "parent" | "guardian" | "relative" | "teacher";
  given: string;
  family: string;
  orgs?: string[];
  agents?: string[];
  identifier?: string;
  userIds?: string;
  email?: string;
  phone?: string;
  grades?: string;
  /** Delta rows: active, tobedeleted or inactive. */
  status?: string;
  relationship?: string;
  language?: string;
  studentNumber?: string;
};

export type TestOrg = { id: string; name: string; type?: string; identifier?: string; status?: string };

type Mode = "bulk" | "delta" | "absent";

const FILES = ["academicSessions", "categories", "classes", "classResources", "courses", "courseResources", "demographics", "enrollments", "lineItems", "resources", "results"];
const USERS_HEADER =
  "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.relationship,metadata.language,metadata.studentNumber";
const ORGS_HEADER = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId";

export const DEFAULT_ORGS: TestOrg[] = [
  { id: "d1", name: "Springfield District", type: "district" },
  { id: "sch-1", name: "Springfield Elementary", identifier: "SE-01" },
  { id: "sch-2", name: "Shelbyville High" },
];

function csvValue(value: string | undefined): string {
  if (value === undefined) return "";
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const MODIFIED = "2026-11-20T10:00:00.000Z";

function userRow(user: TestUser, mode: Mode): string {
  const lifecycle = mode === "delta" ? [user.status ?? "active", MODIFIED] : [user.status ?? "", ""];
  return [
    user.id,
    ...lifecycle,
    "true",
    (user.orgs ?? ["sch-1"]).join(","),
    user.role,
    user.id,
    user.userIds ?? "",
    user.given,
    user.family,
    "",
    user.identifier ?? "",
    user.email ?? "",
    "",
    user.phone ?? "",
    (user.agents ?? []).join(","),
    user.grades ?? "",
    "",
    user.relationship ?? "",
    user.language ?? "",
    user.studentNumber ?? "",
  ]
    .map(csvValue)
    .join(",");
}

function orgRow(org: TestOrg, mode: Mode): string {
  const lifecycle = mode === "delta" ? [org.status ?? "active", MODIFIED] : [org.status ?? "", ""];
  return [org.id, ...lifecycle, org.name, org.type ?? "school", org.identifier ?? "", org.type === "district" ? "" : "d1"].map(csvValue).join(",");
}

/** Writes a 1.1 package folder and returns its path. */
export async function writeV11Package(options: { users: TestUser[]; orgs?: TestOrg[]; usersMode?: Mode; orgsMode?: Mode }): Promise<string> {
  const usersMode = options.usersMode ?? "bulk";
  const orgsMode = options.orgsMode ?? (usersMode === "delta" ? "absent" : "bulk");
  const dir = await mkdtemp(path.join(tmpdir(), "roster-pkg-"));
  const manifest = ["propertyName,value", "manifest.version,1.0", "oneroster.version,1.1", ...FILES.map((name) => `file.${name},absent`)];
  manifest.push(`file.orgs,${orgsMode}`, `file.users,${usersMode}`);
  await writeFile(path.join(dir, "manifest.csv"), `${manifest.join("\n")}\n`);
  if (orgsMode !== "absent") {
    await writeFile(path.join(dir, "orgs.csv"), `${[ORGS_HEADER, ...(options.orgs ?? DEFAULT_ORGS).map((org) => orgRow(org, orgsMode))].join("\n")}\n`);
  }
  if (usersMode !== "absent") {
    await writeFile(path.join(dir, "users.csv"), `${[USERS_HEADER, ...options.users.map((user) => userRow(user, usersMode))].join("\n")}\n`);
  }
  return dir;
}

export const SYSTEM_ACTOR = { type: "SYSTEM", label: "test import" } as const;

export function runImport(source: string, options: Partial<RosterImportOptions> = {}) {
  return importRoster({ source, dryRun: false, confirmRemovals: false, actor: SYSTEM_ACTOR, ...options });
}

/** A family: one student (ID number `number`) and `adults` parents, linked from the student's side. */
export function family(prefix: string, number: string, adults = 2): TestUser[] {
  const parents: TestUser[] = Array.from({ length: adults }, (_, i) => ({
    id: `${prefix}-p${i}`,
    role: "parent",
    given: `Adult${i}`,
    family: `Fam${prefix}`,
    email: `${prefix}.${i}@example.com`,
  }));
  return [{ id: `${prefix}-s`, role: "student", given: "Kid", family: `Fam${prefix}`, identifier: number, agents: parents.map((adult) => adult.id), grades: "03" }, ...parents];
}
