import type { Readable } from "node:stream";

/** The CSV files of a package (zip or folder), by exact, case-sensitive name at its root. */
export type RosterPackage = {
  /** Names of the .csv files at the root, e.g. `users.csv`. */
  readonly fileNames: readonly string[];
  openFile(name: string): Promise<Readable>;
  close(): Promise<void>;
};

export type RosterPackageLimits = {
  /** Largest uncompressed size of one file. */
  maxFileBytes: number;
  /** Largest uncompressed size of all files together. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Above this uncompressed/compressed ratio (for files over 1 MiB) a zip entry is a bomb. */
  maxCompressionRatio: number;
};

// 1M students + 1.3M contacts make a users.csv of ~300 MB; these leave room and stop bombs.
export const DEFAULT_PACKAGE_LIMITS: RosterPackageLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxTotalBytes: 4 * 1024 ** 3,
  maxEntries: 64,
  maxCompressionRatio: 200,
};

/** Only plain names at the root: no folders, no `..`, no absolute or Windows paths. */
export function isRootFileName(name: string): boolean {
  return name.length > 0 && !/[/\\:\0]/.test(name) && name !== "." && name !== "..";
}
