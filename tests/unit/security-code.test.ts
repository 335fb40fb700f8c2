// Security codes: CSPRNG digits, argon2id at rest, verification that refuses anything else.
import { describe, expect, it } from "vitest";
import {
  generateSecurityCode,
  hashSecurityCode,
  SECURITY_CODE_PATTERN,
  verifySecurityCode,
} from "@/lib/accounts/recovery/security-code";

describe("security codes", () => {
  it("are six digits, leading zeros included, and spread over all digits", () => {
    const codes = Array.from({ length: 2000 }, generateSecurityCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    const digitCounts = new Map<string, number>();
    for (const digit of codes.join("")) digitCounts.set(digit, (digitCounts.get(digit) ?? 0) + 1);
    // 12,000 digits: each of the ten expected ~1,200 times; a broken generator is far off.
    expect(digitCounts.size).toBe(10);
    for (const count of digitCounts.values()) expect(count).toBeGreaterThan(900);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });

  it("are stored as an argon2id hash that does not contain the code", async () => {
    const code = generateSecurityCode();
    const hash = await hashSecurityCode(code);
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(hash).not.toContain(code);
  });

  it("verify the right code only", async () => {
    const hash = await hashSecurityCode("042137");
    expect(await verifySecurityCode(hash, "042137")).toBe(true);
    expect(await verifySecurityCode(hash, "042138")).toBe(false);
    expect(await verifySecurityCode(hash, "42137")).toBe(false);
    expect(await verifySecurityCode(hash, "042137 ")).toBe(false);
    expect(await verifySecurityCode(hash, "")).toBe(false);
  });

  it("never verify without a stored hash", async () => {
    expect(await verifySecurityCode(null, "123456")).toBe(false);
    expect(SECURITY_CODE_PATTERN.test("123456")).toBe(true);
    expect(SECURITY_CODE_PATTERN.test("12345a")).toBe(false);
  });
});
