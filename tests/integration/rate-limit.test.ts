import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hitRateLimit } from "@/lib/security/rate-limit";

describe("hitRateLimit (PostgreSQL)", () => {
  it("allows up to the limit, then refuses until the window passes", async () => {
    const rule = { key: "test:window", limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(rule));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);

    // Move the window into the past: the next hit starts a new window.
    await prisma.rateLimitBucket.update({ where: { key: rule.key }, data: { windowStart: new Date(Date.now() - 61_000) } });
    const afterWindow = await hitRateLimit(rule);
    expect(afterWindow).toMatchObject({ allowed: true, count: 1 });
  });

  it("counts concurrent hits exactly", async () => {
    const rule = { key: "test:concurrent", limit: 100, windowSeconds: 60 };
    await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(rule)));
    const bucket = await prisma.rateLimitBucket.findUniqueOrThrow({ where: { key: rule.key } });
    expect(bucket.count).toBe(20);
  });
});
