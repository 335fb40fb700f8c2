import { afterEach, describe, expect, it } from "vitest";
import { backoffDelayMs, describeSendError } from "@/lib/mail/outbox-worker";

describe("backoffDelayMs", () => {
  it("doubles from 5 s and caps at 15 minutes (without jitter)", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, mid))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffDelayMs(11, mid)).toBe(15 * 60_000);
    expect(backoffDelayMs(40, mid)).toBe(15 * 60_000);
  });

  it("spreads retries by ±20 % so instances do not retry in lockstep", () => {
    expect(backoffDelayMs(1, () => 0)).toBe(4_000);
    expect(backoffDelayMs(1, () => 0.999999)).toBeCloseTo(6_000, -1);
  });
});

describe("describeSendError", () => {
  const saved = process.env.SMTP_URL;
  afterEach(() => {
    process.env.SMTP_URL = saved;
  });

  it("keeps code and response code but never credentials", () => {
    process.env.SMTP_URL = "smtp://mailer:s3cr%21t@smtp.example.org:587";
    const error = Object.assign(new Error("Invalid login for smtp://mailer:s3cr!t@smtp.example.org (s3cr!t)"), {
      code: "EAUTH",
      responseCode: 535,
    });
    const text = describeSendError(error);
    expect(text).toMatch(/^EAUTH 535 /);
    expect(text).not.toContain("s3cr!t");
    expect(text).not.toContain("mailer:");
  });

  it("bounds the stored length", () => {
    expect(describeSendError(new Error("x".repeat(5_000))).length).toBe(500);
  });
});
