// Phone numbers as the SMS provider needs them (E.164), their masks, and the SMS templates.
import { describe, expect, it } from "vitest";
import { isE164, maskPhone, toE164 } from "@/lib/sms/phone-number";
import { renderSms } from "@/lib/sms/sms-templates";

const district = { districtName: "Riverside USD", supportPhone: "555-0100" };

describe("phone numbers", () => {
  it("reads North American numbers without a country code and international ones with +", () => {
    expect(toE164("(503) 555-0123")).toBe("+15035550123");
    expect(toE164("503.555.0123")).toBe("+15035550123");
    expect(toE164("1 503 555 0123")).toBe("+15035550123");
    expect(toE164("+44 20 7946 0958")).toBe("+442079460958");
    expect(toE164("+84 90 123 4567")).toBe("+84901234567");
  });

  it("refuses what is not a phone number", () => {
    for (const typed of ["", "555-0123", "call me", "+0 123 456 789", "+1234567890123456", "503-555-0123 ext 4", "javascript:alert(1)"]) {
      expect(toE164(typed), typed).toBeNull();
    }
    expect(isE164("+15035550123")).toBe(true);
    expect(isE164("5035550123")).toBe(false);
  });

  it("masks all but the last two digits", () => {
    expect(maskPhone("+15035550123")).toBe("+1 ••• ••• ••23");
    expect(maskPhone("+442079460958")).toBe("+•• •••• ••58");
  });
});

describe("SMS templates", () => {
  it("renders a code grouped in threes, with its lifetime and no link", () => {
    const rendered = renderSms({ template: "staff-verification-code", params: { code: "482913", validMinutes: 10 } }, district);
    expect(rendered).toEqual({ body: expect.stringContaining("482 913") });
    const body = (rendered as { body: string }).body;
    expect(body).toContain("expires in 10 minutes");
    expect(body).not.toMatch(/https?:/);
    expect(body.length).toBeLessThanOrEqual(160);
  });

  it("says why a row can never be sent", () => {
    expect(renderSms({ template: "no-such-template", params: {} }, district)).toEqual({ problem: expect.stringContaining("Unknown SMS template") });
    expect(renderSms({ template: "staff-verification-code", params: {} }, district)).toEqual({ problem: expect.stringMatching(/missing params|Could not render/) });
  });
});
