// Item 1 of issue 9: staff passphrases are sentences; refused when short, common, or
// containing the person's e-mail name or the district's name (or a distinctive word of it).
import { describe, expect, it } from "vitest";
import { checkStaffPassphrase, staffPassphraseHint } from "@/lib/staff-auth/staff-passphrase-policy";

const options = { minLength: 15, email: "Ida.Lead@riverside.example.org", districtName: "Riverside Unified School District" };

describe("staff passphrase policy", () => {
  it("accepts the seed's example sentence and any characters", () => {
    expect(checkStaffPassphrase("What a wonderful day!", options)).toEqual([]);
    expect(checkStaffPassphrase("Ngày mai trời sẽ nắng đẹp 🌞", options)).toEqual([]);
    expect(checkStaffPassphrase("our school choir sang at the district fair", options)).toEqual([]);
  });

  it("refuses a passphrase containing the e-mail name, however it is written", () => {
    for (const passphrase of ["ida.lead is my name", "IDALEAD loves mondays", "my name: Ida-Lead, hello"]) {
      expect(checkStaffPassphrase(passphrase, options)).toContain("Do not use your e-mail name in your passphrase.");
    }
    expect(checkStaffPassphrase("ida.lead@riverside.example.org", options)).toContain("Do not use your e-mail name in your passphrase.");
  });

  it("refuses a passphrase containing the district's name or its distinctive word, not its generic words", () => {
    expect(checkStaffPassphrase("Riverside Unified School District rocks", options)).toContain("Do not use the district's name in your passphrase.");
    expect(checkStaffPassphrase("go riverside go riverside", options)).toContain("Do not use the district's name in your passphrase.");
    expect(checkStaffPassphrase("Rívérsíde is accented", options)).toContain("Do not use the district's name in your passphrase.");
    expect(checkStaffPassphrase("my unified theory of school", options)).toEqual([]);
  });

  it("keeps the length, maximum and common-password rules", () => {
    expect(checkStaffPassphrase("too short", options)[0]).toMatch(/^Use at least 15 characters/);
    expect(checkStaffPassphrase("x y ".repeat(65), options)).toContain("Use at most 256 characters.");
    expect(checkStaffPassphrase("passwordpassword", options)).toContain("This passphrase is too common. Choose another.");
  });

  it("explains the rule with the example sentence", () => {
    const hint = staffPassphraseHint(15);
    expect(hint).toContain('"What a wonderful day!"');
    expect(hint).toContain("at least 15 characters");
    expect(hint).toMatch(/e-mail name/);
    expect(hint).toMatch(/district's name/);
  });
});
