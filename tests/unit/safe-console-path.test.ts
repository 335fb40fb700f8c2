import { describe, expect, it } from "vitest";
import { safeConsolePath } from "@/app/(staff)/console/sign-in/safe-console-path";

describe("safeConsolePath", () => {
  it("keeps console paths with their query", () => {
    expect(safeConsolePath("/console/audit?action=parent.reset")).toBe("/console/audit?action=parent.reset");
    expect(safeConsolePath("http://localhost:3000/console/staff")).toBe("/console/staff");
  });

  it("falls back to the grid for anything else", () => {
    for (const value of [undefined, "", "/home", "//evil.example/console", "https://evil.example", "/console\\..\\x", "javascript:alert(1)", "/console/sign-in", "/console\n/x"]) {
      expect(safeConsolePath(value)).toBe("/console/parents");
    }
  });
});
