// A staff account without a passphrase yet (passwordHash null) must look like a wrong
// password to sign-in: false, after the same argon2id work (no timing difference to probe).
import { describe, expect, it } from "vitest";
import { hashSecret, verifyAgainstDummy, verifySecret } from "@/lib/security/password-hash";

async function elapsed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("verifySecret", () => {
  it("treats a missing hash as a wrong password, after the same argon2id work", async () => {
    const stored = await hashSecret("the right passphrase");
    await verifyAgainstDummy("warm up");
    expect(await verifySecret(null, "")).toBe(false);
    expect(await verifySecret(null, "the right passphrase")).toBe(false);
    const missing: number[] = [];
    const wrong: number[] = [];
    // Interleaved, so machine load hits both series alike.
    for (let round = 0; round < 7; round++) {
      wrong.push(await elapsed(() => verifySecret(stored, "a wrong passphrase")));
      missing.push(await elapsed(() => verifySecret(null, "a wrong passphrase")));
    }
    expect(median(missing)).toBeGreaterThan(median(wrong) * 0.5);
    expect(median(missing)).toBeLessThan(median(wrong) * 2);
  });
});
