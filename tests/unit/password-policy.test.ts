import { describe, expect, it } from "vitest";
import { checkPassword, commonPasswordSet, PASSWORD_MAX_LENGTH } from "@/lib/accounts/password-policy";

describe("checkPassword", () => {
  it("ships a common-password list of at least 10,000 lower-case entries", () => {
    const list = commonPasswordSet();
    expect(list.size).toBeGreaterThanOrEqual(10_000);
    expect(list.has("password1")).toBe(true);
    expect([...list].every((word) => word === word.toLowerCase())).toBe(true);
  });

  it("accepts a long uncommon password", () => {
    expect(checkPassword("maple kettle river 42", { username: "jgarcia", minLength: 8 })).toEqual([]);
  });

  it("enforces the district minimum (default 8), counting characters not UTF-16 units", () => {
    expect(checkPassword("Xq7#pLm")).toEqual(["too_short"]);
    expect(checkPassword("Xq7#pLmz")).toEqual([]);
    expect(checkPassword("Xq7#pLmz", { minLength: 12 })).toEqual(["too_short"]);
    // 7 emoji are 14 UTF-16 units but 7 characters.
    expect(checkPassword("😀😁😂🤣😃😄😅", { minLength: 8 })).toEqual(["too_short"]);
  });

  it("allows up to the maximum and refuses longer", () => {
    const atMax = "k9".repeat(PASSWORD_MAX_LENGTH / 2);
    expect(checkPassword(atMax)).toEqual([]);
    expect(checkPassword(`${atMax}x`)).toEqual(["too_long"]);
    expect(PASSWORD_MAX_LENGTH).toBeGreaterThanOrEqual(64);
  });

  it("refuses the username, ignoring case and surrounding spaces", () => {
    expect(checkPassword("Maria.Lopez77", { username: "maria.lopez77" })).toEqual(["same_as_username"]);
    expect(checkPassword(" maria.lopez77 ", { username: "Maria.Lopez77" })).toEqual(["same_as_username"]);
  });

  it("refuses common passwords whatever their case", () => {
    expect(checkPassword("Password1")).toEqual(["common"]);
    expect(checkPassword("ILOVEYOU")).toEqual(["common"]);
    expect(checkPassword("qwerty")).toEqual(["too_short", "common"]);
  });
});
