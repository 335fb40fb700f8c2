// The job row's progress writes (throttled, last value always written), the crash message the
// row gets, and the command's progress bar and exit status.
import { afterEach, describe, expect, it, vi } from "vitest";
import { exitCodeOf, progressBar, progressText } from "@/lib/roster/jobs/roster-command-output";
import { plainErrorMessage } from "@/lib/roster/jobs/roster-import-runner";
import { throttleProgress } from "@/lib/roster/jobs/throttle-progress";

afterEach(() => {
  vi.useRealTimers();
});

describe("throttleProgress", () => {
  it("writes at most once per interval and always writes the last value", async () => {
    vi.useFakeTimers();
    const written: number[] = [];
    const throttle = throttleProgress(async (value: number) => void written.push(value), 500);
    for (let i = 1; i <= 100; i += 1) throttle.report(i); // a burst within one instant
    await vi.advanceTimersByTimeAsync(0);
    expect(written).toEqual([1]);
    await vi.advanceTimersByTimeAsync(499);
    expect(written).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(written).toEqual([1, 100]);
    throttle.report(101);
    throttle.report(102);
    await throttle.flush();
    expect(written).toEqual([1, 100, 102]);
  });

  it("never runs two writes at once", async () => {
    vi.useFakeTimers();
    let inFlight = 0;
    let most = 0;
    const throttle = throttleProgress(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // a slow database
      inFlight -= 1;
    }, 100);
    for (let step = 0; step < 20; step += 1) {
      throttle.report(step);
      await vi.advanceTimersByTimeAsync(150);
    }
    const flushed = throttle.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    await flushed;
    expect(most).toBe(1);
  });

  it("keeps going after a failed write", async () => {
    const errors: unknown[] = [];
    const written: number[] = [];
    const throttle = throttleProgress(
      async (value: number) => {
        if (value === 1) throw new Error("database away");
        written.push(value);
      },
      0,
      (error) => errors.push(error),
    );
    throttle.report(1);
    await throttle.flush();
    throttle.report(2);
    await throttle.flush();
    expect(written).toEqual([2]);
    expect(errors).toHaveLength(1);
  });
});

describe("plainErrorMessage", () => {
  it("keeps the first line only, without credentials, bounded", () => {
    const error = new Error("connect failed for postgresql://portal:s3cret@db:5432/portal\n    at Socket.<anonymous> (net.js:1:1)");
    const message = plainErrorMessage(error);
    expect(message).toBe("The import stopped on an unexpected error: connect failed for postgresql://***@db:5432/portal");
    expect(message).not.toMatch(/s3cret|at Socket/);
    expect(plainErrorMessage(new Error("x".repeat(2_000))).length).toBeLessThanOrEqual(500);
    expect(plainErrorMessage("thrown text")).toMatch(/thrown text$/);
  });

  it("shows no file path of the server", () => {
    const message = plainErrorMessage(new Error("ENOENT: no such file or directory, open '/var/lib/portal/roster/12/package.zip'"));
    expect(message).toBe("The import stopped on an unexpected error: ENOENT: no such file or directory, open '[path]'");
    expect(plainErrorMessage(new Error("EACCES: permission denied, mkdir 'C:\\portal\\roster\\12'"))).not.toMatch(/portal/);
  });
});

describe("the command's output", () => {
  it("draws the bar with phase, rows and percent", () => {
    expect(progressBar({ phase: "reading", rowsDone: 1_234, rowsTotal: 5_000 }, 20)).toBe(
      "[#####...............]  reading   1,234 / 5,000 rows  24%",
    );
    expect(progressText({ phase: "opening", rowsDone: 0, rowsTotal: null })).toBe("opening   0 rows");
  });

  it("exits 0 for a succeeded run, 3 for one stopped by the removal guard, 1 for a failure", () => {
    expect(exitCodeOf("SUCCEEDED")).toBe(0);
    expect(exitCodeOf("NEEDS_CONFIRMATION")).toBe(3);
    expect(exitCodeOf("FAILED")).toBe(1);
  });
});
