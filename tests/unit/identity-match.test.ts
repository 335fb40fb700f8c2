import { describe, expect, it } from "vitest";
import { distinctStudentIds, matchKey, namesMatch } from "@/lib/accounts/identity-match";
import { maskEmail } from "@/lib/accounts/mask-email";

const recorded = { firstName: "María José", lastName: "García" };

describe("namesMatch (as the school has them on record, folded like the console's search)", () => {
  it("ignores surrounding spaces and letter case", () => {
    expect(namesMatch(recorded, { firstName: "  maría josé ", lastName: "GARCÍA" })).toBe(true);
    expect(namesMatch({ firstName: "Nguyễn", lastName: "Thị" }, { firstName: "NGUYỄN", lastName: "thị" })).toBe(true);
    expect(namesMatch({ firstName: "فاطمة", lastName: "الحسن" }, { firstName: " فاطمة", lastName: "الحسن " })).toBe(true);
  });

  it("ignores accents, spaces, apostrophes and hyphens: what a phone keyboard types", () => {
    expect(namesMatch(recorded, { firstName: "Maria Jose", lastName: "Garcia" })).toBe(true);
    expect(namesMatch(recorded, { firstName: "MariaJose", lastName: "garcia" })).toBe(true);
    expect(namesMatch(recorded, { firstName: "María-José", lastName: "García" })).toBe(true);
    expect(namesMatch({ firstName: "Seán", lastName: "O'Brien" }, { firstName: "Sean", lastName: "OBrien" })).toBe(true);
    expect(namesMatch({ firstName: "Seán", lastName: "O’Brien" }, { firstName: "sean", lastName: "o brien" })).toBe(true);
    expect(namesMatch({ firstName: "Ana", lastName: "Núñez-López" }, { firstName: "Ana", lastName: "Nunez Lopez" })).toBe(true);
    expect(namesMatch({ firstName: "Omar", lastName: "Al-Amin" }, { firstName: "Omar", lastName: "alamin" })).toBe(true);
    expect(namesMatch({ firstName: "Nguyễn Văn", lastName: "Đức" }, { firstName: "Nguyen Van", lastName: "Duc" })).toBe(true);
  });

  it("treats composed and decomposed accents as the same text", () => {
    const decomposed = "Garci\u0301a"; // i + combining acute accent
    expect(decomposed).not.toBe("García");
    expect(namesMatch(recorded, { firstName: "María José", lastName: decomposed })).toBe(true);
  });

  it("still needs every letter, in the right field", () => {
    expect(namesMatch(recorded, { firstName: "García", lastName: "María José" })).toBe(false);
    expect(namesMatch(recorded, { firstName: "María", lastName: "García" })).toBe(false);
    expect(namesMatch(recorded, { firstName: "María José", lastName: "Garci" })).toBe(false);
    expect(namesMatch(recorded, { firstName: "María José", lastName: "Garcías" })).toBe(false);
    expect(namesMatch({ firstName: "Ana", lastName: "Núñez-López" }, { firstName: "Ana", lastName: "Nunez" })).toBe(false);
  });

  it("a name without a letter or digit matches nothing, not even itself", () => {
    expect(namesMatch({ firstName: "-", lastName: "García" }, { firstName: "'", lastName: "García" })).toBe(false);
    expect(namesMatch({ firstName: "", lastName: "García" }, { firstName: "", lastName: "García" })).toBe(false);
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
