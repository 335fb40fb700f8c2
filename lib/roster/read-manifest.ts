import type { Readable } from "node:stream";
import { readCsvRows } from "./read-csv-rows";
import type { RosterMode } from "./roster-records";
import { RosterStructuralError, type RosterIssueLog } from "./roster-report";

const FILE = "manifest.csv";
const MAX_MANIFEST_ROWS = 200;

export type RosterManifest = {
  /** From `oneroster.version`; 1.2 vs 1.2.1 is decided later by users.csv's header. */
  onerosterVersion: "1.1" | "1.2";
  /** `file.<name>` rows keyed by file name (`users.csv`), only for bulk and delta files. */
  files: ReadonlyMap<string, RosterMode>;
  /** Every `file.*` row, absent ones included. */
  listed: ReadonlySet<string>;
  sourceSystem: string | null;
};

const MODES = new Set(["absent", "bulk", "delta"]);

/** Reads manifest.csv (`propertyName,value`), strictly where it matters and leniently on known defects. */
export async function readManifest(input: Readable, issues: RosterIssueLog): Promise<RosterManifest> {
  const properties = new Map<string, { value: string; line: number }>();
  const rows = readCsvRows(FILE, input, issues, (header) => {
    if (header[0] !== "propertyName" || header[1] !== "value" || header.length !== 2) {
      throw new RosterStructuralError(FILE, `manifest.csv's header must be "propertyName,value" (found "${header.join(",")}").`, 1);
    }
  });
  for await (const { line, fields } of rows) {
    if (properties.size >= MAX_MANIFEST_ROWS) throw new RosterStructuralError(FILE, "manifest.csv has too many rows.", line);
    const [name = "", value = ""] = fields;
    if (properties.has(name)) throw new RosterStructuralError(FILE, `manifest.csv lists "${name}" twice.`, line);
    properties.set(name, { value: value.trim(), line });
  }

  const manifestVersion = properties.get("manifest.version");
  if (!manifestVersion) throw new RosterStructuralError(FILE, "manifest.csv has no manifest.version row.");
  if (manifestVersion.value === "1") {
    issues.warning(FILE, manifestVersion.line, "value", 'manifest.version is "1" (a spreadsheet rewrote "1.0"); read as 1.0.');
  } else if (manifestVersion.value !== "1.0") {
    throw new RosterStructuralError(FILE, `manifest.version "${manifestVersion.value}" is not supported (expected 1.0).`, manifestVersion.line);
  }

  const version = properties.get("oneroster.version");
  if (!version) throw new RosterStructuralError(FILE, "manifest.csv has no oneroster.version row.");
  if (version.value !== "1.1" && version.value !== "1.2") {
    throw new RosterStructuralError(FILE, `oneroster.version "${version.value}" is not supported (expected 1.1 or 1.2).`, version.line);
  }

  const files = new Map<string, RosterMode>();
  const listed = new Set<string>();
  for (const [name, { value, line }] of properties) {
    if (!name.startsWith("file.")) {
      if (!/^(manifest\.version|oneroster\.version|source\..+)$/.test(name)) {
        issues.warning(FILE, line, "propertyName", `Unknown property "${name}" ignored.`);
      }
      continue;
    }
    const fileName = `${name.slice("file.".length)}.csv`;
    // Seen in real exports for files nobody sends; the files-present check still applies.
    if (value === "") {
      issues.warning(FILE, line, "value", `${name} has no value; read as absent.`);
      listed.add(fileName);
      continue;
    }
    if (!MODES.has(value)) {
      throw new RosterStructuralError(FILE, `${name} is "${value}": it must be absent, bulk or delta.`, line);
    }
    listed.add(fileName);
    if (value !== "absent") files.set(fileName, value as RosterMode);
  }
  return {
    onerosterVersion: version.value,
    files,
    listed,
    sourceSystem: properties.get("source.systemName")?.value || null,
  };
}
