import { describe, expect, it } from "vitest";
import {
  escapeLike,
  likePatternFor,
  parentSearchToParams,
  parseParentSearch,
  searchKeyPrefix,
} from "@/lib/parents/search-schema";
import { decodeCursor, encodeCursor } from "@/lib/parents/search-cursor";

describe("parseParentSearch", () => {
  it("gives defaults for an empty or missing query string", () => {
    const expected = { q: "", letter: "all", sort: "parent", dir: "asc", size: 50, page: 1, cursor: undefined, removed: false };
    expect(parseParentSearch({})).toEqual(expected);
    expect(parseParentSearch(null)).toEqual(expected);
    expect(parseParentSearch(new URLSearchParams(""))).toEqual(expected);
  });

  it("parses valid values from a record or URLSearchParams", () => {
    const parsed = parseParentSearch(new URLSearchParams("q=%20Garc%C3%ADa%20&letter=g&sort=school&dir=desc&size=100&page=3"));
    expect(parsed).toMatchObject({ q: "García", letter: "G", sort: "school", dir: "desc", size: 100, page: 3 });
    expect(parseParentSearch({ letter: "ALL", size: "25" })).toMatchObject({ letter: "all", size: 25 });
  });

  it("falls back per field on bad values instead of throwing", () => {
    const parsed = parseParentSearch({
      q: ["first", "second"],
      letter: "ab",
      sort: "password",
      dir: "sideways",
      size: "1000",
      page: "-4",
      cursor: "not a cursor!",
      removed: ["yes", "1"],
    });
    expect(parsed).toEqual({ q: "first", letter: "all", sort: "parent", dir: "asc", size: 50, page: 1, cursor: undefined, removed: false });
    expect(parseParentSearch({ size: "abc", page: "1e9" })).toMatchObject({ size: 50, page: 1 });
  });

  it("trims, caps at 64 characters and drops control characters", () => {
    expect(parseParentSearch({ q: "x".repeat(100) }).q).toHaveLength(64);
    expect(parseParentSearch({ q: "gar\u0001cia\u0000" }).q).toBe("garcia");
  });
});

describe("LIKE patterns", () => {
  it("escapes wildcards and backslashes", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
  });

  it("folds the text, escapes it, and anchors the prefix", () => {
    expect(likePatternFor({ q: "García", letter: "all" })).toBe("garcia%");
    expect(likePatternFor({ q: "NGUYỄN", letter: "all" })).toBe("nguyen%");
    expect(likePatternFor({ q: "50%_", letter: "all" })).toBe("50\\%\\_%");
  });

  it("prefers typed text over the letter, and 'all' means no filter", () => {
    expect(likePatternFor({ q: "", letter: "B" })).toBe("b%");
    expect(likePatternFor({ q: "kim", letter: "B" })).toBe("kim%");
    expect(likePatternFor({ q: "", letter: "all" })).toBeNull();
    expect(likePatternFor({ q: "   ", letter: "all" })).toBeNull();
  });

  it("splits 'last, first' on the key separator", () => {
    expect(searchKeyPrefix({ q: "García, Ma", letter: "all" })).toBe("garcia\u0001ma");
    expect(searchKeyPrefix({ q: "Garcia,", letter: "all" })).toBe("garcia");
  });
});

describe("URL round trip and cursors", () => {
  it("writes only non-default values", () => {
    expect(parentSearchToParams({ q: "", letter: "all", sort: "parent", dir: "asc", size: 50, page: 1 }).toString()).toBe("");
    const params = parentSearchToParams({ q: "kim", letter: "K", sort: "grade", dir: "desc", size: 25, page: 2 });
    expect(params.toString()).toBe("q=kim&sort=grade&dir=desc&size=25&page=2");
    expect(parseParentSearch(params)).toMatchObject({ q: "kim", sort: "grade", dir: "desc", size: 25, page: 2 });
  });

  it("keeps the removed view in the URL only when it is on", () => {
    expect(parseParentSearch({ removed: "1" }).removed).toBe(true);
    for (const other of ["0", "true", "yes", ""]) expect(parseParentSearch({ removed: other }).removed, other).toBe(false);
    expect(parentSearchToParams({ q: "kim", removed: true }).toString()).toBe("q=kim&removed=1");
    expect(parentSearchToParams({ q: "kim", removed: false }).toString()).toBe("q=kim");
  });

  it("encodes cursors opaquely and rejects tampered ones", () => {
    const cursor = encodeCursor({ key: "garcia\u0001maria", id: 42, direction: "before" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseParentSearch({ cursor }).cursor).toBe(cursor);
    expect(decodeCursor(cursor)).toEqual({ key: "garcia\u0001maria", id: 42, direction: "before" });
    expect(decodeCursor("e30")).toBeNull(); // "{}"
    expect(decodeCursor("%%%")).toBeNull();
    expect(decodeCursor(Buffer.from('{"k":"a","i":-1,"d":"a"}').toString("base64url"))).toBeNull();
  });
});
