import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { RosterStructuralError } from "./roster-report";
import { withoutServerPaths } from "./without-server-paths";
import { DEFAULT_PACKAGE_LIMITS, isRootFileName, type RosterPackage, type RosterPackageLimits } from "./roster-package";

// Archivers add these beside the real files; they are not part of the package.
const IGNORED = /^(__MACOSX\/|\.DS_Store$)/;

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(err ?? new Error("no zip")) : resolve(zip),
    );
  });
}

function readEntries(zip: ZipFile, limits: RosterPackageLimits, label: string): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    let total = 0;
    let seen = 0;
    const fail = (message: string) => reject(new RosterStructuralError(label, message));
    zip.on("error", (err: Error) => fail(`The zip file can't be read (${withoutServerPaths(err.message)}).`));
    zip.on("end", () => resolve(entries));
    zip.on("entry", (entry: Entry) => {
      const name = entry.fileName;
      seen += 1;
      if (seen > limits.maxEntries) return fail(`The zip holds more than ${limits.maxEntries} files.`);
      if (IGNORED.test(name) || name.endsWith("/")) {
        if (!IGNORED.test(name)) return fail(`The zip has a folder "${name}": put the CSV files at the zip root.`);
        zip.readEntry();
        return;
      }
      if (!isRootFileName(name)) return fail(`"${name}" is not at the zip root: put the CSV files at the root, with no folder.`);
      if (entries.has(name)) return fail(`The zip holds "${name}" twice.`);
      if ((entry.generalPurposeBitFlag & 1) !== 0) return fail(`"${name}" is encrypted.`);
      const size = entry.uncompressedSize;
      total += size;
      if (size > limits.maxFileBytes) return fail(`"${name}" is larger than ${limits.maxFileBytes} bytes once unzipped.`);
      if (total > limits.maxTotalBytes) return fail(`The files are larger than ${limits.maxTotalBytes} bytes once unzipped.`);
      if (size > 1024 ** 2 && size > entry.compressedSize * limits.maxCompressionRatio) {
        return fail(`"${name}" unzips to more than ${limits.maxCompressionRatio} times its size: refused as a zip bomb.`);
      }
      entries.set(name, entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
}

/** Opens a OneRoster .zip without loading it: entries are streamed when a file is read. */
export async function openZipPackage(path: string, limits = DEFAULT_PACKAGE_LIMITS): Promise<RosterPackage> {
  const label = path.split(/[/\\]/).pop() ?? "package";
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (err) {
    throw new RosterStructuralError(label, `The file is not a readable zip (${withoutServerPaths((err as Error).message)}).`);
  }
  let entries: Map<string, Entry>;
  try {
    entries = await readEntries(zip, limits, label);
  } catch (err) {
    zip.close();
    throw err;
  }
  return {
    fileNames: [...entries.keys()].filter((name) => name.endsWith(".csv")),
    openFile(name) {
      const entry = entries.get(name);
      if (!entry) return Promise.reject(new RosterStructuralError(name, `${name} is not in the zip.`));
      return new Promise<Readable>((resolve, reject) => {
        zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err ?? new Error("no stream")) : resolve(stream)));
      });
    },
    async close() {
      zip.close();
    },
  };
}
