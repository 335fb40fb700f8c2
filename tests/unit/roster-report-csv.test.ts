import { describe, expect, it } from "vitest";
import { createRosterIssueLog, RosterStructuralError } from "@/lib/roster/roster-report";
import { rosterReportCsv } from "@/lib/roster/roster-report-csv";

describe("rosterReportCsv", () => {
  it("lists row errors then warnings, one per line, with the exact counts beyond the cap", () => {
    const log = createRosterIssueLog(2);
    log.rowError("users.csv", 3, "givenName", "givenName is required and is empty.");
    log.rowError("users.csv", 4, "familyName", "A value contains a line break, which OneRoster does not allow.");
    log.rowError("users.csv", 9, null, "This row has 19 fields but the header has 18 (an extra comma?).");
    log.warning("manifest.csv", 2, "value", 'manifest.version is "1"; read as 1.0.');
    const report = log.toReport();
    expect(report).toMatchObject({ outcome: "read", rowErrorCount: 3, warningCount: 1 });
    expect(rosterReportCsv(report)).toBe(
      "\uFEFFseverity,file,line,column,reason\r\n" +
        "error,users.csv,3,givenName,givenName is required and is empty.\r\n" +
        'error,users.csv,4,familyName,"A value contains a line break, which OneRoster does not allow."\r\n' +
        "error,,,,1 more row errors not listed\r\n" +
        'warning,manifest.csv,2,value,"manifest.version is ""1""; read as 1.0."\r\n',
    );
  });

  it("encodes a structural error as its single line", () => {
    const log = createRosterIssueLog();
    const report = log.toReport(new RosterStructuralError("users.csv", "=cmd: the header is wrong", 1));
    expect(rosterReportCsv(report)).toBe("\uFEFFseverity,file,line,column,reason\r\nerror,users.csv,1,,'=cmd: the header is wrong\r\n");
  });
});
