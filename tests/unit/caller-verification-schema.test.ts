import { describe, expect, it } from "vitest";
import { callerVerificationSchema } from "@/lib/parents/caller-verification";
import { decodePendingCursor } from "@/lib/follow-up/pending-search-params";

describe("caller verification input", () => {
  it("keeps a bulk reset's reason on one line, without controls or bidirectional overrides", () => {
    const parsed = callerVerificationSchema.parse({ methods: [], reason: "INC-42\n\u202eevil\u202c \u2066x\u2069\u0007" });
    expect(parsed.reason).toBe("INC-42  evil   x");
  });

  it("takes a reason made only of such characters as none", () => {
    expect(callerVerificationSchema.parse({ methods: [], reason: "\u202e\u200f " }).reason).toBeUndefined();
  });
});

describe("the pending page's cursor", () => {
  it("ignores an id beyond a 32-bit integer instead of sending it to the database", () => {
    expect(decodePendingCursor("1764000000000.2147483647")).toEqual({ resetAt: new Date(1764000000000), id: 2147483647 });
    expect(decodePendingCursor("1764000000000.9999999999")).toBeUndefined();
  });
});
