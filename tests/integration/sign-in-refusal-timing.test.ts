// Every sign-in refusal costs what a wrong password costs (one argon2id verification), so the
// response time tells an attacker neither that an account exists nor that it is capped or
// throttled. Samples of each kind are interleaved within one run and compared by median, with
// wide bounds: the difference guarded against is a whole hash (several times the query work).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { authenticateStaff } from "@/lib/auth/staff-sign-in";
import { STAFF_THROTTLE } from "@/lib/auth/sign-in-throttle";

const PASSWORD = "timing test passphrase of some length";
const SAMPLES = 15;
let open: { email: string };
let capped: { email: string };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

beforeAll(async () => {
  const passwordHash = await hashSecret(PASSWORD);
  open = await prisma.staffUser.create({ data: { email: "timing-open@district.example.org", name: "Open", role: "HELP_DESK", passwordHash } });
  capped = await prisma.staffUser.create({
    data: {
      email: "timing-capped@district.example.org",
      name: "Capped",
      role: "HELP_DESK",
      passwordHash,
      failedAttempts: STAFF_THROTTLE.cap,
      failureWindowStartedAt: new Date(),
      lockedUntil: new Date(Date.now() + 86_400_000),
    },
  });
  // Warm the hash and the connection pool.
  await authenticateStaff("nobody@district.example.org", "warm up", "192.0.2.250");
});

describe("staff sign-in refusal timing", () => {
  it("a throttled address, a capped account and an unknown e-mail cost about what a wrong password costs", async () => {
    const samples = { wrong: [] as number[], throttled: [] as number[], capped: [] as number[], unknown: [] as number[] };
    // The throttled address: spend its budget first (10 wrong tries for this e-mail).
    for (let i = 0; i < 10; i++) await authenticateStaff(open.email, `spend ${i}`, "203.0.113.200");
    for (let i = 0; i < SAMPLES; i++) {
      await prisma.rateLimitBucket.deleteMany({ where: { key: { contains: ":ip:" } } });
      samples.wrong.push(await timed(() => authenticateStaff(open.email, `wrong ${i}`, `198.51.100.${i + 1}`)));
      samples.throttled.push(await timed(() => authenticateStaff(open.email, PASSWORD, "203.0.113.200")));
      samples.capped.push(await timed(() => authenticateStaff(capped.email, PASSWORD, `198.18.0.${i + 1}`)));
      samples.unknown.push(await timed(() => authenticateStaff(`nobody${i}@district.example.org`, PASSWORD, `198.18.1.${i + 1}`)));
    }
    const wrong = median(samples.wrong);
    for (const kind of ["throttled", "capped", "unknown"] as const) {
      const ratio = median(samples[kind]) / wrong;
      expect(ratio, `${kind} vs wrong password`).toBeGreaterThan(0.5);
      expect(ratio, `${kind} vs wrong password`).toBeLessThan(2);
    }
  }, 120_000);
});
