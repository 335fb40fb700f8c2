// A counter's current value in this process (lib/ops/metrics.ts), for tests that check a real
// flow counted what it did: the sum over the series whose labels include `labels`.
interface ReadableMetric {
  get(): Promise<{ values: { value: number; labels: Record<string, string | number | undefined> }[] }> | { values: { value: number; labels: Record<string, string | number | undefined> }[] };
}

export async function metricValue(metric: ReadableMetric, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter((sample) => Object.entries(labels).every(([name, value]) => sample.labels[name] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** The values of several counters now, and later how much each grew. */
export async function metricDeltas<K extends string>(read: Record<K, () => Promise<number>>): Promise<() => Promise<Record<K, number>>> {
  const keys = Object.keys(read) as K[];
  const before = await Promise.all(keys.map((key) => read[key]()));
  return async () => {
    const after = await Promise.all(keys.map((key) => read[key]()));
    return Object.fromEntries(keys.map((key, index) => [key, after[index]! - before[index]!])) as Record<K, number>;
  };
}
