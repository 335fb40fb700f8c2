// The progress bar's total: data lines of orgs.csv and users.csv, counted by scanning for line
// feeds (a quoted line break makes it an estimate, which is all a progress bar needs).
import { openRosterPackage } from "./open-roster-package";
import type { RosterMode } from "./roster-records";

const LINE_FEED = 0x0a;

async function countLines(chunks: AsyncIterable<Buffer>): Promise<number> {
  let lines = 0;
  let last = LINE_FEED;
  for await (const chunk of chunks) {
    let at = chunk.indexOf(LINE_FEED);
    while (at !== -1) {
      lines += 1;
      at = chunk.indexOf(LINE_FEED, at + 1);
    }
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  return last === LINE_FEED ? lines : lines + 1;
}

export async function countRosterRows(source: string, modes: Record<"orgs" | "users", RosterMode | "absent">): Promise<number> {
  const pkg = await openRosterPackage(source);
  try {
    let total = 0;
    for (const [name, mode] of [["orgs.csv", modes.orgs], ["users.csv", modes.users]] as const) {
      if (mode === "absent") continue;
      // The header is not a row.
      total += Math.max(0, (await countLines(await pkg.openFile(name))) - 1);
    }
    return total;
  } finally {
    await pkg.close();
  }
}
