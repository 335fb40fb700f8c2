import { openRoster } from "@/lib/roster/open-roster";
import { createRosterIssueLog } from "@/lib/roster/roster-report";
import { parentSearchKey } from "@/lib/text/fold-name";
import { copyLine } from "@/lib/roster/stage/copy-text";
const t0 = performance.now();
const roster = await openRoster(process.argv[2]!, { issues: createRosterIssueLog() });
let n = 0; let len = 0;
for await (const u of roster.users()) { n++; if (process.argv[3]) { len += parentSearchKey(u.familyName, u.givenName).length; len += copyLine([u.sourcedId, u.givenName, u.agentSourcedIds, u.line]).length; } }
console.log(n, ((performance.now() - t0) / 1000).toFixed(1), "s", len);
