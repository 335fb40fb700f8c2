// Register / resend limit keys: no key a parent can reach is keyed by the student number
// alone; the only student-wide key is a ceiling several addresses' allowances high.
import { describe, expect, it } from "vitest";
import {
  REGISTER_LIMIT,
  REGISTER_STUDENT_CEILING,
  registerRateLimitRules,
  RESEND_LIMIT,
  RESEND_STUDENT_CEILING,
  resendRateLimitRules,
} from "@/lib/accounts/self-service-limits";

describe("self-service limit keys", () => {
  it("registration: per address, per student from that address, and a per-student ceiling of 5 addresses' worth", () => {
    const rules = registerRateLimitRules("203.0.113.9", [" AB12 ", "ab12", "77"]);
    expect(rules.map((rule) => [rule.key, rule.limit])).toEqual([
      ["register:ip:203.0.113.9", REGISTER_LIMIT.attempts],
      ["register:student-ip:ab12:203.0.113.9", REGISTER_LIMIT.attempts],
      ["register:student:ab12", REGISTER_STUDENT_CEILING.attempts],
      ["register:student-ip:77:203.0.113.9", REGISTER_LIMIT.attempts],
      ["register:student:77", REGISTER_STUDENT_CEILING.attempts],
    ]);
    expect(REGISTER_STUDENT_CEILING.attempts).toBeGreaterThanOrEqual(5 * REGISTER_LIMIT.attempts);
  });

  it("resend: the same shape, an IPv6 address counted as its /64", () => {
    expect(resendRateLimitRules("2001:db8::1", "AB12").map((rule) => [rule.key, rule.limit])).toEqual([
      ["resend:ip:2001:db8:0:0::/64", RESEND_LIMIT.attempts],
      ["resend:student-ip:ab12:2001:db8:0:0::/64", RESEND_LIMIT.attempts],
      ["resend:student:ab12", RESEND_STUDENT_CEILING.attempts],
    ]);
    expect(RESEND_STUDENT_CEILING.attempts).toBeGreaterThanOrEqual(5 * RESEND_LIMIT.attempts);
  });
});
