import type { Readable } from "node:stream";
import { assertHeader, type HeaderIndex } from "./roster-headers";
import { readCsvRowBatches } from "./read-csv-rows";
import type { RosterMode, RosterVersion, UserKind } from "./roster-records";
import type { RosterIssueLog } from "./roster-report";
import { rowFields, rowLifecycle } from "./roster-row-fields";
import { SourcedIdTable } from "./sourced-id-table";
import { kindOfRank, kindOfRole, kindRank } from "./user-roles";

const FILE = "roles.csv";

/** What roles.csv says about each user: the kind that matters most and the orgs of the roles. */
export type UserRoles = {
  /** The user's kind and the orgs of its roles (first org first); null without an active role. */
  of(userSourcedId: string): { kind: UserKind; orgs: string[] } | null;
  /** Every role of the user in the file is tobedeleted: the user is leaving. */
  hadOnlyRemovedRoles(userSourcedId: string): boolean;
};

/**
 * Reads all of roles.csv into a compact table before users.csv is read (1.2 users carry no
 * role). Per user one 32-bit value: kind rank (3 bits) and the first org's index; further orgs,
 * rare, go to a small map. Removed roles are left out.
 */
export async function readRoles(
  input: Readable,
  version: RosterVersion,
  mode: RosterMode,
  issues: RosterIssueLog,
): Promise<UserRoles> {
  const byUser = new SourcedIdTable(1 << 16);
  const roleIds = new SourcedIdTable(1 << 16);
  const orgIndex = new Map<string, number>();
  const orgNames: string[] = [];
  const moreOrgs = new Map<string, Set<string>>();
  const removedRoles = new SourcedIdTable(1 << 10);
  let header: HeaderIndex = new Map();

  const onHeader = (names: string[]) => {
    header = assertHeader(FILE, version, names);
  };
  for await (const batch of readCsvRowBatches(FILE, input, issues, onHeader)) {
    for (const { line, fields, plain } of batch) {
      const row = rowFields(FILE, header, line, fields, issues, plain);
      const sourcedId = row.required("sourcedId");
      const userSourcedId = row.required("userSourcedId");
      const roleType = row.required("roleType");
      const role = row.required("role");
      const orgSourcedId = row.required("orgSourcedId");
      if (!sourcedId || !userSourcedId || !roleType || !role || !orgSourcedId) continue;
      const kind = kindOfRole(role, "1.2");
      if (!kind) {
        issues.rowError(FILE, line, "role", `role "${role}" is not a OneRoster 1.2 role.`);
        continue;
      }
      if (roleType !== "primary" && roleType !== "secondary") {
        issues.warning(FILE, line, "roleType", `roleType "${roleType}" should be primary or secondary.`);
      }
      if (!roleIds.add(sourcedId, 1)) {
        issues.rowError(FILE, line, "sourcedId", `sourcedId "${sourcedId}" appears on an earlier line too.`);
        continue;
      }
      const lifecycle = rowLifecycle(FILE, mode, row, issues);
      if (!lifecycle) continue;
      if (lifecycle.status === "removed") {
        removedRoles.set(userSourcedId, 1);
        continue;
      }

      let org = orgIndex.get(orgSourcedId);
      if (org === undefined) {
        org = orgNames.length;
        orgIndex.set(orgSourcedId, org);
        orgNames.push(orgSourcedId);
      }
      const previous = byUser.get(userSourcedId);
      if (previous === undefined) {
        byUser.set(userSourcedId, ((org + 1) << 3) | kindRank(kind));
        continue;
      }
      const rank = Math.max(previous & 7, kindRank(kind));
      byUser.set(userSourcedId, (previous & ~7) | rank);
      const firstOrg = orgNames[(previous >>> 3) - 1];
      if (firstOrg !== orgSourcedId) {
        const extra = moreOrgs.get(userSourcedId) ?? new Set<string>();
        extra.add(orgSourcedId);
        moreOrgs.set(userSourcedId, extra);
      }
    }
  }

  return {
    of(userSourcedId) {
      const value = byUser.get(userSourcedId);
      if (value === undefined) return null;
      const kind = kindOfRank(value & 7);
      if (!kind) return null;
      const first = orgNames[(value >>> 3) - 1];
      const orgs = first ? [first] : [];
      if (moreOrgs.size > 0) orgs.push(...(moreOrgs.get(userSourcedId) ?? []));
      return { kind, orgs };
    },
    hadOnlyRemovedRoles(userSourcedId) {
      return byUser.get(userSourcedId) === undefined && removedRoles.has(userSourcedId);
    },
  };
}
