import { describe, expect, it } from "vitest";
import { distinctStudentIds, matchKey, namesMatch } from "@/lib/accounts/identity-match";
import { maskEmail } from "@/lib/accounts/mask-email";

const recorded = { firstName: "María José", lastName: "García" };

describe("namesMatch (exactly as recorded, ignoring surrounding spaces and case)", () => {
  it("ignores surrounding spaces and letter case", () => {
    expect(namesMatch(recorded, { firstName: "  maría josé ", lastName: "GARCÍA" })).toBe(true);
    expect(namesMatch({ firstName: "Nguyễn", lastName: "Thị" }, { firstName: "NGUYỄN", lastName: "thị" })).toBe(true);
    expect(namesMatch({ firstName: "فاطمة", lastName: "الحسن" }, { firstName: " فاطمة", lastName: "الحسن " })).toBe(true);
  });

  it("does not fold accents: García is not Garcia", () => {
    expect(namesMatch(recorded, { firstName: "Maria Jose", lastName: "Garcia" })).toBe(false);
    expect(namesMatch(recorded, { firstName: "María José", lastName: "Garcia" })).toBe(false);
  });

  it("treats composed and decomposed accents as the same text (NFC)", () => {
    const decomposed = "Garci\u0301a"; // i + combining acute accent
    expect(decomposed).not.toBe("García");
    expect(namesMatch(recorded, { firstName: "María José", lastName: decomposed })).toBe(true);
  });

  it("is otherwise exact: inner spaces, hyphens and swapped names count", () => {
    expect(namesMatch(recorded, { firstName: "MaríaJosé", lastName: "García" })).toBe(false);
    expect(namesMatch(recorded, { firstName: "María-José", lastName: "García" })).toBe(false);
    expect(namesMatch(recorded, { firstName: "García", lastName: "María José" })).toBe(false);
    expect(namesMatch(recorded, { firstName: "María", lastName: "García" })).toBe(false);
  });
});

describe("student IDs", () => {
  it("compares case-insensitively and drops duplicates in input order", () => {
    expect(matchKey(" S-00123 ")).toBe("s-00123");
    expect(distinctStudentIds(["123", " 456", "123 ", "s9", "S9", ""])).toEqual(["123", "456", "s9"]);
  });
});

describe("maskEmail", () => {
  it("keeps the first character and the domain only", () => {
    expect(maskEmail("jane.doe@example.com")).toBe("j***@example.com");
    expect(maskEmail(" Ánh@mail.vn ")).toBe("Á***@mail.vn");
    expect(maskEmail("not-an-address")).toBe("***");
  });
});
