// Large files are parsed on a worker thread (lib/roster/csv-worker/). The worker must change
// nothing a district sees: the same records, the same row errors and warnings at the same
// lines, the same structural failures. Every fixture and defect is read both ways and compared.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { buildZip } from "@/lib/zip/build-zip";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { canParseInWorker } from "@/lib/roster/csv-worker/read-csv-rows-in-worker";
import { FIXTURES, fixtureCopy, fixtureText, readRosterFully, removeScratchDirs } from "@/tests/helpers/roster-fixtures";

afterAll(removeScratchDirs);

const IN_WORKER = { parseInWorkerFromBytes: 0 };
const ON_THREAD = { parseInWorkerFromBytes: Number.POSITIVE_INFINITY };

async function expectSameBothWays(dir: string) {
  const onThread = await readRosterFully(dir, undefined, ON_THREAD);
  const inWorker = await readRosterFully(dir, undefined, IN_WORKER);
  expect(inWorker).toEqual(onThread);
  return inWorker;
}

// Each read starts a worker thread that loads TypeScript with tsx: seconds on a busy machine.
describe("parsing on a worker thread", { timeout: 30_000 }, () => {
  it("is available in this checkout (tsx and the worker file are present)", () => {
    expect(canParseInWorker()).toBe(true);
  });

  it.each(["v1p1-bulk", "v1p1-defects", "v1p1-delta", "v1p2-bulk", "v1p2p1-bulk"])("reads fixture %s exactly as on the main thread", async (name) => {
    await expectSameBothWays(path.join(FIXTURES, name));
  });

  it("keeps line numbers and issues exact across CRLF line ends, empty lines and bad quotes", async () => {
    const lines = (await fixtureText("v1p1-defects", "users.csv")).replace(/\n/g, "\r\n").split("\r\n");
    lines.splice(2, 0, "", 's-q,,,true,sch-1,student,q,,Q,Qu"ote,,099,,,,,,');
    const dir = await fixtureCopy("v1p1-defects", { "users.csv": lines.join("\r\n") });
    const readout = await expectSameBothWays(dir);
    if (readout.report.outcome !== "read") throw new Error("expected a read report");
    expect(readout.report.rowErrors.length).toBeGreaterThan(5);
  });

  it("passes a field holding the worker's own field separator through unchanged", async () => {
    const users = await fixtureText("v1p2-bulk", "users.csv");
    const [header, first, ...rest] = users.split("\n");
    const withSeparator = first!.replace(/,([^,]+),/, ",Ann\u001fMarie,");
    const dir = await fixtureCopy("v1p2-bulk", { "users.csv": [header, withSeparator, ...rest].join("\n") });
    const readout = await expectSameBothWays(dir);
    expect(readout.users.length).toBeGreaterThan(0);
  });

  it("fails the import the same way when a quote is never closed", async () => {
    const users = await fixtureText("v1p2-bulk", "users.csv");
    const dir = await fixtureCopy("v1p2-bulk", { "users.csv": users.replace("\n", '\n"never closed,') });
    const readout = await expectSameBothWays(dir);
    expect(readout.report.outcome).toBe("structural-error");
  });

  it("reads a zip's entries through the worker too", async () => {
    const source = path.join(FIXTURES, "v1p2-bulk");
    const files = await Promise.all((await readdir(source)).map(async (name) => ({ name, data: await readFile(path.join(source, name)) })));
    const dir = await fixtureCopy("v1p2-bulk");
    const zip = path.join(dir, "package.zip");
    await writeFile(zip, buildZip(files));
    const onThread = await readRosterFully(zip, undefined, ON_THREAD);
    expect(await readRosterFully(zip, undefined, IN_WORKER)).toEqual(onThread);
    expect(onThread.users.length).toBeGreaterThan(0);
  });
});
