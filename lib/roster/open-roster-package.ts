import { stat } from "node:fs/promises";
import { openFolderPackage } from "./open-folder-package";
import { openZipPackage } from "./open-zip-package";
import { RosterStructuralError } from "./roster-report";
import { DEFAULT_PACKAGE_LIMITS, type RosterPackage } from "./roster-package";

/** A path to a .zip or to a folder of CSVs. */
export async function openRosterPackage(source: string, limits = DEFAULT_PACKAGE_LIMITS): Promise<RosterPackage> {
  const info = await stat(source).catch(() => null);
  if (!info) throw new RosterStructuralError(source, `${source} does not exist.`);
  if (info.isDirectory()) return openFolderPackage(source, limits);
  if (!source.toLowerCase().endsWith(".zip")) throw new RosterStructuralError(source, "A OneRoster package is a .zip file or a folder of CSV files.");
  return openZipPackage(source, limits);
}
