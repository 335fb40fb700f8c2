// Timing comparisons for the enumeration tests: A and B run interleaved (alternating which goes
// first) so drift on a busy machine hits both alike, and medians shrug off the odd slow run.

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

/** `pairs` interleaved A/B runs; `between` resets state untimed before each run. */
export async function compareInterleaved<T>(a: () => Promise<T>, b: () => Promise<T>, between: () => Promise<unknown>, pairs: number) {
  const timesA: number[] = [];
  const timesB: number[] = [];
  const results: Array<[T, T]> = [];
  for (let i = 0; i < pairs; i++) {
    await between();
    const first = i % 2 === 0 ? await timed(a) : await timed(b);
    await between();
    const second = i % 2 === 0 ? await timed(b) : await timed(a);
    const [ra, rb] = i % 2 === 0 ? [first, second] : [second, first];
    timesA.push(ra.ms);
    timesB.push(rb.ms);
    results.push([ra.result, rb.result]);
  }
  const medianA = median(timesA);
  const medianB = median(timesB);
  return { medianA, medianB, difference: Math.abs(medianA - medianB), results };
}
