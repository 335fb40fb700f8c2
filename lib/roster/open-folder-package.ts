import { createReadStream } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { RosterStructuralError } from "./roster-report";
import { DEFAULT_PACKAGE_LIMITS, type RosterPackage, type RosterPackageLimits } from "./roster-package";

/** A folder of CSVs as a package: only regular .csv files directly inside it count. */
export async function openFolderPackage(dir: string, limits = DEFAULT_PACKAGE_LIMITS): Promise<RosterPackage> {
  const names: string[] = [];
  let total = 0;
  for (const dirent of await readdir(dir, { withFileTypes: true })) {
    if (!dirent.name.endsWith(".csv")) continue;
    // A symlink could point anywhere on the server; a package is plain files.
    if (!dirent.isFile()) throw new RosterStructuralError(dirent.name, `${dirent.name} is not a plain file.`);
    const { size } = await lstat(path.join(dir, dirent.name));
    total += size;
    if (size > limits.maxFileBytes) throw new RosterStructuralError(dirent.name, `${dirent.name} is larger than ${limits.maxFileBytes} bytes.`);
    if (total > limits.maxTotalBytes) throw new RosterStructuralError(dirent.name, `The files are larger than ${limits.maxTotalBytes} bytes.`);
    names.push(dirent.name);
  }
  return {
    fileNames: names,
    async openFile(name) {
      if (!names.includes(name)) throw new RosterStructuralError(name, `${name} is not in the folder.`);
      return createReadStream(path.join(dir, name));
    },
    async close() {},
  };
}
