import { describe, expect, it } from "vitest";
import { generateTemporaryPassword, TEMP_PASSWORD_LENGTH, temporaryPasswordEntropyBits } from "@/lib/accounts/temporary-password";
import { TEMP_PASSWORD_ALPHABET } from "@/lib/security/random-secret";

describe("generateTemporaryPassword", () => {
  it("has 12 characters, all from the alphabet without look-alikes", () => {
    const allowed = new Set(TEMP_PASSWORD_ALPHABET);
    for (let i = 0; i < 500; i++) {
      const password = generateTemporaryPassword();
      expect(password).toHaveLength(TEMP_PASSWORD_LENGTH);
      expect(TEMP_PASSWORD_LENGTH).toBe(12);
      for (const char of password) expect(allowed.has(char), char).toBe(true);
    }
  });

  it("never uses look-alike characters", () => {
    for (const lookAlike of "0Oo1lI5S2Z") expect(TEMP_PASSWORD_ALPHABET).not.toContain(lookAlike);
    expect(new Set(TEMP_PASSWORD_ALPHABET).size).toBe(TEMP_PASSWORD_ALPHABET.length);
  });

  it("carries at least 60 bits of entropy", () => {
    expect(temporaryPasswordEntropyBits()).toBeGreaterThanOrEqual(60);
  });

  it("draws every symbol about uniformly and never repeats a password", () => {
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    const samples = 4000;
    for (let i = 0; i < samples; i++) {
      const password = generateTemporaryPassword();
      seen.add(password);
      for (const char of password) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(seen.size).toBe(samples);
    expect(counts.size).toBe(TEMP_PASSWORD_ALPHABET.length);
    const expected = (samples * TEMP_PASSWORD_LENGTH) / TEMP_PASSWORD_ALPHABET.length; // ≈ 923
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(expected * 0.75);
      expect(count).toBeLessThan(expected * 1.25);
    }
  });
});
