// Records the JSON log lines (lib/ops/logger.ts) written to standard output while installed,
// with the logger at `level` (default: everything), so a test can look for secrets in them.
import { vi } from "vitest";
import { logger } from "@/lib/ops/logger";

export function captureLogLines(level = "trace") {
  const chunks: string[] = [];
  const previousLevel = logger.level;
  logger.level = level;
  const spy = vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stdout.write);
  return {
    text: () => chunks.join(""),
    /** Every captured line that is a JSON object. */
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      spy.mockRestore();
      logger.level = previousLevel;
    },
  };
}
