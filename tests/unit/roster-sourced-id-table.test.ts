import { describe, expect, it } from "vitest";
import { SourcedIdTable } from "@/lib/roster/sourced-id-table";

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
});
