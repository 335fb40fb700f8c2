import type { Readable } from "node:stream";
import { assertHeader, type HeaderIndex } from "./roster-headers";
import { readCsvRows } from "./read-csv-rows";
import type { RosterMode, RosterSchool, RosterVersion } from "./roster-records";
import type { RosterIssueLog } from "./roster-report";
import { rowFields, rowLifecycle } from "./roster-row-fields";

const FILE = "orgs.csv";
const ORG_TYPES = ["department", "school", "district", "local", "state", "national"];

/** Streams orgs.csv and yields the schools; other org types are checked and skipped. */
export async function* readOrgs(
  input: Readable,
  version: RosterVersion,
  mode: RosterMode,
  issues: RosterIssueLog,
  /** Told the sourcedId of each rejected row that has one: a bulk import must not remove it. */
  onRejectedId?: (sourcedId: string) => void,
): AsyncGenerator<RosterSchool> {
  let header: HeaderIndex = new Map();
  const seen = new Set<string>();
  for await (const { line, fields, plain } of readCsvRows(FILE, input, issues, (names) => {
    header = assertHeader(FILE, version, names);
  })) {
    const row = rowFields(FILE, header, line, fields, issues, plain);
    const sourcedId = row.required("sourcedId");
    const name = row.required("name");
    const type = row.required("type");
    if (!sourcedId || !name || !type) {
      if (sourcedId) onRejectedId?.(sourcedId);
      continue;
    }
    if (!ORG_TYPES.includes(type) && !(version !== "1.1" && type.startsWith("ext:"))) {
      issues.rowError(FILE, line, "type", `type "${type}" is not an org type of OneRoster ${version}.`);
      onRejectedId?.(sourcedId);
      continue;
    }
    if (seen.has(sourcedId)) {
      issues.rowError(FILE, line, "sourcedId", `sourcedId "${sourcedId}" appears on an earlier line too.`);
      continue;
    }
    seen.add(sourcedId);
    const lifecycle = rowLifecycle(FILE, mode, row, issues);
    if (!lifecycle) {
      onRejectedId?.(sourcedId);
      continue;
    }
    if (type !== "school") continue;
    yield {
      sourcedId,
      name,
      identifier: row.optional("identifier"),
      parentSourcedId: row.optional("parentSourcedId"),
      ...lifecycle,
      line,
    };
  }
}
