// Timing and percentiles for the benchmark. Each sample is one call measured with
// performance.now(); warm-up calls fill caches and JIT first and are not recorded.
import { performance } from "node:perf_hooks";

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank percentile: the smallest sample with at least q of the samples at or below it.
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

/** Calls `run(i)` warmup + iterations times in sequence; `i` lets callers rotate inputs. */
export async function measure(run: (i: number) => Promise<unknown>, options: { iterations: number; warmup: number }): Promise<Percentiles> {
  for (let i = 0; i < options.warmup; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "-";
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function triple(p: Percentiles | undefined): string {
  return p ? `${ms(p.p50)} / ${ms(p.p95)} / ${ms(p.p99)}` : "-";
}

/** A plain-text table with left-aligned first column and right-aligned figures. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}
