import { describe, expect, it } from "vitest";
import { parentSearchToParams, parseParentSearch } from "@/lib/parents/search-schema";
import { decodeCursor, encodeCursor } from "@/lib/parents/search-cursor";
import { nameKeyPrefix, phoneKeyPrefix, searchPlan } from "@/lib/parents/search-probes";

const probes = (q: string, letter = "all") => {
  const plan = searchPlan({ q, letter });
  return plan.everything ? "everything" : plan.probes;
};

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


describe("search probes (what the one box looks for)", () => {
  it("folds names and drops spaces and punctuation, part by part", () => {
    expect(nameKeyPrefix("García")).toBe("garcia");
    expect(nameKeyPrefix("NGUYỄN")).toBe("nguyen");
    for (const typed of ["obrien", "o'brien", "O Brien", "O’Brien"]) expect(nameKeyPrefix(typed), typed).toBe("obrien");
    expect(nameKeyPrefix("al amin")).toBe("alamin");
    expect(nameKeyPrefix("De la Cruz, Ana María")).toBe("delacruz\u0001anamaria");
    expect(nameKeyPrefix("Garcia,")).toBe("garcia");
    expect(nameKeyPrefix("50%_")).toBe("50");
  });

  it("looks for a name from its start and in the words of compound last names, and a username", () => {
    expect(probes("lopez")).toEqual([
      { kind: "name", value: "lopez" },
      { kind: "lastNameWord", value: "lopez" },
      { kind: "username", value: "lopez" },
    ]);
    expect(probes("García, Ma")).toEqual([{ kind: "name", value: "garcia\u0001ma" }]);
    expect(probes("l")).toEqual([{ kind: "name", value: "l" }]);
    expect(probes("J.Garcia2")).toEqual([
      { kind: "name", value: "jgarcia2" },
      { kind: "lastNameWord", value: "jgarcia2" },
      { kind: "username", value: "j.garcia2" },
    ]);
  });

  it("reads digits as a student ID (exact, leading zeros kept) and, from 7 digits, as a phone", () => {
    expect(probes("004512")).toEqual([{ kind: "studentNumber", value: "004512" }]);
    expect(probes("5550123456")).toEqual([
      { kind: "studentNumber", value: "5550123456" },
      { kind: "phone", value: "6543210555" },
    ]);
    expect(probes("(555) 012-3456")).toEqual([{ kind: "phone", value: "6543210555" }]);
    expect(phoneKeyPrefix("+1 555 012 3456")).toBe(phoneKeyPrefix("555.012.3456"));
    expect(phoneKeyPrefix("012-3456")).toBe("6543210");
  });

  it("reads anything with @ as an e-mail only", () => {
    expect(probes("Maria.Garcia@Example.com")).toEqual([{ kind: "email", value: "maria.garcia@example.com" }]);
  });

  it("browses by letter, shows everything for 'all', and finds nothing for punctuation alone", () => {
    expect(probes("", "B")).toEqual([{ kind: "name", value: "b" }]);
    expect(probes("kim", "B")).toEqual([
      { kind: "name", value: "kim" },
      { kind: "lastNameWord", value: "kim" },
    ]);
    expect(probes("", "all")).toBe("everything");
    expect(probes("%")).toEqual([]);
    expect(probes("'")).toEqual([]);
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
    const cursor = encodeCursor({ order: "school:desc", keys: ["lincoln", "garcia\u0001maria"], id: 42, direction: "before" });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseParentSearch({ cursor }).cursor).toBe(cursor);
    expect(decodeCursor(cursor, "school:desc")).toEqual({ order: "school:desc", keys: ["lincoln", "garcia\u0001maria"], id: 42, direction: "before" });
    // A cursor of another order (the sort was changed by hand) starts at page 1.
    expect(decodeCursor(cursor, "school:asc")).toBeNull();
    expect(decodeCursor("e30", "parent:asc")).toBeNull(); // "{}"
    expect(decodeCursor("%%%", "parent:asc")).toBeNull();
    expect(decodeCursor(Buffer.from('{"o":"parent:asc","k":["a"],"i":-1,"d":"a"}').toString("base64url"), "parent:asc")).toBeNull();
  });
});
