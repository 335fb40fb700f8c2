// Writing OneRoster 1.2 CSV, for the demo package and the benchmark district: the manifest, and
// one line per org, user or role in the spec's exact column order (taken from the reader's
// list, so what we write is what the importer expects). Plain RFC 4180: no formula
// neutralization (these files go to an importer, not a spreadsheet) and no line breaks in values.
import { specColumns } from "@/lib/roster/roster-headers";
import type { RosterMode } from "@/lib/roster/roster-records";

export const ONEROSTER_VERSION = "1.2" as const;

/** Our extensions, to the right of the standard columns as the spec requires. */
export const USER_METADATA_COLUMNS = ["metadata.relationship", "metadata.language"] as const;

const ORGS_COLUMNS = specColumns("orgs.csv", ONEROSTER_VERSION);
const ROLES_COLUMNS = specColumns("roles.csv", ONEROSTER_VERSION);
const USERS_COLUMNS = [...specColumns("users.csv", ONEROSTER_VERSION), ...USER_METADATA_COLUMNS];

// Every file.* row a 1.2 manifest carries; the ones we do not write are "absent".
const MANIFEST_FILES = [
  "academicSessions", "categories", "classes", "classResources", "courses", "courseResources", "demographics",
  "enrollments", "lineItems", "orgs", "resources", "results", "users", "lineItemLearningObjectiveIds",
  "lineItemScoreScales", "resultLearningObjectiveIds", "resultScoreScales", "roles", "scoreScales",
  "userProfiles", "userResources",
];

const SPECIAL = /[",\r\n]/;

function cell(value: string | null | undefined): string {
  if (!value) return "";
  if (!SPECIAL.test(value)) return value;
  if (/[\r\n]/.test(value)) throw new Error(`OneRoster values cannot hold line breaks: ${JSON.stringify(value)}`);
  return `"${value.replace(/"/g, '""')}"`;
}

/** One CSV line (LF-terminated) from values in column order. */
export function csvLine(values: readonly (string | null | undefined)[]): string {
  return `${values.map(cell).join(",")}\n`;
}

function lineFor(columns: readonly string[], fields: Readonly<Record<string, string | null | undefined>>): string {
  return csvLine(columns.map((column) => fields[column]));
}

// users.csv is written 2.3 million times by the benchmark: fill its values by position.
const at = (column: string) => USERS_COLUMNS.indexOf(column);
const U = {
  sourcedId: at("sourcedId"), status: at("status"), dateLastModified: at("dateLastModified"), enabledUser: at("enabledUser"),
  username: at("username"), givenName: at("givenName"), familyName: at("familyName"), identifier: at("identifier"),
  email: at("email"), phone: at("phone"), agentSourcedIds: at("agentSourcedIds"), grades: at("grades"),
  primaryOrgSourcedId: at("primaryOrgSourcedId"), relationship: at("metadata.relationship"), language: at("metadata.language"),
};

export const orgsHeader = () => csvLine(ORGS_COLUMNS);
export const usersHeader = () => csvLine(USERS_COLUMNS);
export const rolesHeader = () => csvLine(ROLES_COLUMNS);

/** Delta rows carry status and dateLastModified; bulk rows leave both empty. */
export type RowLifecycle = { status?: "active" | "tobedeleted"; dateLastModified?: string };

export type OrgRow = RowLifecycle & { sourcedId: string; name: string; type: "district" | "school"; identifier?: string; parentSourcedId?: string };

export function orgLine(org: OrgRow): string {
  return lineFor(ORGS_COLUMNS, org);
}

export type UserRow = RowLifecycle & {
  sourcedId: string;
  username: string;
  givenName: string;
  familyName: string;
  /** The student ID number (leading zeros are part of it). */
  identifier?: string | null;
  email?: string | null;
  phone?: string | null;
  agentSourcedIds?: readonly string[];
  /** CEDS codes: KG, 01 ... 12. */
  grades?: readonly string[];
  primaryOrgSourcedId?: string;
  relationship?: string | null;
  language?: string | null;
};

export function userLine(user: UserRow): string {
  const values: (string | null | undefined)[] = new Array(USERS_COLUMNS.length).fill("");
  values[U.sourcedId] = user.sourcedId;
  values[U.status] = user.status;
  values[U.dateLastModified] = user.dateLastModified;
  values[U.enabledUser] = "true";
  values[U.username] = user.username;
  values[U.givenName] = user.givenName;
  values[U.familyName] = user.familyName;
  values[U.identifier] = user.identifier;
  values[U.email] = user.email;
  values[U.phone] = user.phone;
  values[U.agentSourcedIds] = user.agentSourcedIds?.join(",");
  values[U.grades] = user.grades?.join(",");
  values[U.primaryOrgSourcedId] = user.primaryOrgSourcedId;
  values[U.relationship] = user.relationship;
  values[U.language] = user.language;
  return csvLine(values);
}

export type RoleRow = RowLifecycle & {
  sourcedId: string;
  userSourcedId: string;
  role: "student" | "parent" | "guardian" | "relative";
  orgSourcedId: string;
};

export function roleLine(role: RoleRow): string {
  return lineFor(ROLES_COLUMNS, { ...role, roleType: "primary" });
}

/** manifest.csv listing every 1.2 file: the given ones with their mode, the rest absent. */
export function manifestCsv(modes: Partial<Record<"orgs" | "users" | "roles", RosterMode>>, systemName: string): string {
  const lines = [["propertyName", "value"], ["manifest.version", "1.0"], ["oneroster.version", ONEROSTER_VERSION]];
  for (const file of MANIFEST_FILES) lines.push([`file.${file}`, modes[file as keyof typeof modes] ?? "absent"]);
  lines.push(["source.systemName", systemName]);
  return lines.map(csvLine).join("");
}

/** CEDS grade code for the demo's display grades ("K" -> "KG", "4" -> "04"). */
export function cedsGrade(grade: string): string {
  return grade === "K" ? "KG" : grade.padStart(2, "0");
}
