import { describe, expect, it } from "vitest";
import { summarizeAuditDetails } from "@/lib/audit/summarize-audit-details";

describe("summarizeAuditDetails", () => {
  it("lists keys and short values", () => {
    expect(summarizeAuditDetails({})).toBe("");
    expect(summarizeAuditDetails({ reason: "password", rows: 3, ok: true, none: null })).toBe("reason: password, rows: 3, ok: true, none: —");
    expect(summarizeAuditDetails({ ids: [1, 2], many: [1, 2, 3, 4], changes: { a: 1, b: 2 } })).toBe("ids: 1 2, many: 4 items, changes: a, b");
  });

  it("caps the length", () => {
    const summary = summarizeAuditDetails({ text: "x".repeat(500) });
    expect(summary).toHaveLength(140);
    expect(summary.endsWith("…")).toBe(true);
  });
});
