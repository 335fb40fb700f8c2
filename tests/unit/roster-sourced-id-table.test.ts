import { describe, expect, it } from "vitest";
import { DeferredIdChecks, SourcedIdTable } from "@/lib/roster/sourced-id-table";

describe("SourcedIdTable", () => {
  it("maps many ids to values through growth, and knows absent ones", () => {
    const table = new SourcedIdTable(4);
    for (let i = 0; i < 50_000; i += 1) table.set(`user-${i}`, i);
    table.set("user-7", 99);
    expect(table.size).toBe(50_000);
    expect(table.get("user-0")).toBe(0);
    expect(table.get("user-49999")).toBe(49_999);
    expect(table.get("user-7")).toBe(99);
    expect(table.has("user-50000")).toBe(false);
    expect(table.get("")).toBeUndefined();
  });

  it("checks deferred ids once the table is complete: the tags of the missing ones, each once in a row", () => {
    const table = new SourcedIdTable(4);
    const deferred = new DeferredIdChecks();
    for (let line = 2; line < 20_000; line += 1) deferred.addUnlessIn(table, `user-${line + 1}`, line); // names the next row
    deferred.addUnlessIn(table, "ghost-a", 20_000);
    deferred.addUnlessIn(table, "ghost-b", 20_000);
    deferred.addUnlessIn(table, "user-3", 20_001);
    deferred.addUnlessIn(table, "ghost-c", 20_002);
    deferred.addUnlessIn(new SourcedIdTable(4), "ghost-d", 20_003);
    table.add("ghost-e", 1);
    deferred.addUnlessIn(table, "ghost-e", 20_004); // held already: not deferred
    for (let line = 2; line <= 20_000; line += 1) table.add(`user-${line}`, 1);
    expect(deferred.tagsMissingFrom(table)).toEqual([20_000, 20_002, 20_003]);
  });
});
