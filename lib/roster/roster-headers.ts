import type { RosterVersion } from "./roster-records";
import { RosterStructuralError } from "./roster-report";

// The spec's exact column lists, in order, for the files we read (see research/oneroster.md).
const ORGS = ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"];
const USERS_1_1 = [
  "sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds",
  "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades",
  "password",
];
const USERS_1_2_1 = [
  "sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName",
  "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password",
  "userMasterIdentifier", "preferredGivenName", "preferredMiddleName", "preferredFamilyName",
  "primaryOrgSourcedId", "pronouns",
];
// 1.2 (June 2022) had resourceSourcedIds after userMasterIdentifier; 1.2.1 dropped it.
const USERS_1_2 = [...USERS_1_2_1.slice(0, 17), "resourceSourcedIds", ...USERS_1_2_1.slice(17)];
const ROLES = [
  "sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate",
  "orgSourcedId", "userProfileSourcedId",
];

export type RosterFileName = "orgs.csv" | "users.csv" | "roles.csv";

export function specColumns(file: RosterFileName, version: RosterVersion): readonly string[] {
  if (file === "orgs.csv") return ORGS;
  if (file === "roles.csv") return ROLES;
  if (version === "1.1") return USERS_1_1;
  return version === "1.2" ? USERS_1_2 : USERS_1_2_1;
}

/** Column name -> index, for the spec columns and the `metadata.*` extensions. */
export type HeaderIndex = ReadonlyMap<string, number>;

/** 1.2 and 1.2.1 share the manifest value; only users.csv's header tells them apart. */
export function usersVersionFromHeader(header: readonly string[]): "1.2" | "1.2.1" {
  return header[17] === "resourceSourcedIds" ? "1.2" : "1.2.1";
}

/** A header cell as quoted in a message, short enough to leave room for the expected list. */
function shown(name: string): string {
  return name.length > 60 ? `${name.slice(0, 59)}…` : name;
}

function describeVersion(version: RosterVersion): string {
  return `OneRoster ${version}`;
}

/**
 * The header must be the spec's list exactly (order and case), optionally followed by unique
 * `metadata.*` columns. Anything else is a structural error with one message naming the first
 * difference, since every row would be read into the wrong fields.
 */
export function assertHeader(file: RosterFileName, version: RosterVersion, header: readonly string[]): HeaderIndex {
  const spec = specColumns(file, version);
  const expected = `${file} must start with the ${describeVersion(version)} columns: ${spec.join(",")}`;
  if (file === "users.csv" && (header.includes("agents") || header.includes("userId"))) {
    throw new RosterStructuralError(file, `${file} has the OneRoster 1.0 columns (agents/userId), which are not supported. ${expected}.`, 1);
  }
  for (let i = 0; i < spec.length; i += 1) {
    const got = header[i];
    if (got === spec[i]) continue;
    const found = got === undefined ? "the header ends" : `column ${i + 1} is "${shown(got)}"`;
    throw new RosterStructuralError(file, `${file}: ${found} where "${spec[i]}" was expected. ${expected}.`, 1);
  }
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (i >= spec.length && !name.startsWith("metadata.")) {
      throw new RosterStructuralError(file, `${file}: extra column ${i + 1} "${shown(name)}" must be named metadata.<something> (extensions go after the standard columns).`, 1);
    }
    if (index.has(name)) throw new RosterStructuralError(file, `${file}: the column "${shown(name)}" appears twice in the header.`, 1);
    index.set(name, i);
  });
  return index;
}
