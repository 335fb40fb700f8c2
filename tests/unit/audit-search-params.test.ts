import { describe, expect, it } from "vitest";
import {
  filterQueryString,
  filtersFromParams,
  parseAuditSearchParams,
  rejectedAuditParams,
} from "@/lib/audit/audit-search-params";

describe("parseAuditSearchParams", () => {
  it("falls back per field and keeps the valid ones", () => {
    const raw = { action: "parent.reset", size: "7", from: "2024-02-30", to: "2024-03-01", actorId: "x", after: "junk" };
    const { params, problems } = parseAuditSearchParams(raw);
    expect(params).toMatchObject({ action: "parent.reset", size: 50, from: undefined, to: "2024-03-01", actorId: undefined, after: undefined });
    expect(problems).toEqual([]);
    expect(rejectedAuditParams(raw, params).sort()).toEqual(["actorId", "after", "from", "size"]);
  });

  it("refuses a reversed range and bad action names", () => {
    const { params, problems } = parseAuditSearchParams({ from: "2024-03-05", to: "2024-03-01", action: "DROP TABLE" });
    expect(problems).toHaveLength(1);
    expect(params.from).toBeUndefined();
    expect(params.action).toBeUndefined();
  });

  it("takes the first of repeated keys and maps to domain filters", () => {
    const { params } = parseAuditSearchParams({ parent: ["123", "x"], to: "2024-03-01", size: "100" });
    const filters = filtersFromParams(params);
    expect(filters.parent).toEqual({ contactId: 123 });
    expect(filters.toExclusive?.toISOString()).toBe("2024-03-02T00:00:00.000Z");
    expect(filtersFromParams(parseAuditSearchParams({ parent: "García" }).params).parent).toEqual({ name: "García" });
    expect(filterQueryString(params)).toBe("to=2024-03-01&parent=123&size=100");
  });
});
