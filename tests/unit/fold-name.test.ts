import { describe, expect, it } from "vitest";
import { foldName, parentSearchKey, KEY_SEPARATOR } from "@/lib/text/fold-name";

describe("foldName", () => {
  it("folds plain names (the fast path) exactly like the full Unicode path", () => {
    // "\u00a0" forces the full path; both must agree on what a plain name becomes.
    for (const name of ["  O'Brien  ", "Mary  Anne", "SMITH-JONES", "de la  Cruz", "", "A"]) {
      expect(foldName(name)).toBe(foldName(`${name}\u00a0`).trimEnd());
      expect(foldName(name)).toBe(name.toLowerCase().replace(/\s+/g, " ").trim());
    }
  });

  it("removes accents and case", () => {
    expect(foldName("Nguyễn")).toBe("nguyen");
    expect(foldName("GARCÍA")).toBe("garcia");
    expect(foldName("Müller-Lüdenscheidt")).toBe("muller-ludenscheidt");
  });
  it("maps letters that do not decompose", () => {
    expect(foldName("Đặng")).toBe("dang");
    expect(foldName("Łukasz")).toBe("lukasz");
    expect(foldName("Strauß")).toBe("strauss");
  });
  it("normalizes apostrophes, dashes and spaces", () => {
    expect(foldName("  O’Brien  ")).toBe("o'brien");
    expect(foldName("Smith\u2013Jones")).toBe("smith-jones");
    expect(foldName("de   la  Cruz")).toBe("de la cruz");
  });
});

describe("parentSearchKey", () => {
  it("orders by last name before first name", () => {
    const keys = [parentSearchKey("Garcias", "Ana"), parentSearchKey("García", "Zoe"), parentSearchKey("Garcia", "Ana")];
    expect([...keys].sort()).toEqual([
      `garcia${KEY_SEPARATOR}ana`,
      `garcia${KEY_SEPARATOR}zoe`,
      `garcias${KEY_SEPARATOR}ana`,
    ]);
  });
});
