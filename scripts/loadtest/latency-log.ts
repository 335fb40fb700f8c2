// Every timed request of a load phase by endpoint: its latency and whether it was answered as
// expected, so the report gives p50/p95/p99 and the errors per endpoint (with a few examples).
import { percentiles, type Percentiles } from "@/scripts/bench/stats";

export interface EndpointFigures {
  endpoint: string;
  requests: number;
  perSecond: number;
  latency: Percentiles;
  errors: number;
  /** The first few failures, for the report (status and the start of the answer). */
  examples: string[];
  /** CPU time the servers used per answer in this phase (closed-loop phases, one endpoint at a time). */
  serverCpuMsPerRequest?: number;
}

export class LatencyLog {
  private readonly samples = new Map<string, { ms: number[]; errors: number; examples: string[] }>();

  record(endpoint: string, ms: number, failure?: string) {
    const entry = this.samples.get(endpoint) ?? { ms: [], errors: 0, examples: [] };
    this.samples.set(endpoint, entry);
    entry.ms.push(ms);
    if (failure !== undefined) {
      entry.errors++;
      if (entry.examples.length < 3) entry.examples.push(failure.slice(0, 200));
    }
  }

  /** Times `run`, which returns a failure's description or undefined when the answer was right. */
  async time(endpoint: string, run: () => Promise<string | undefined>): Promise<void> {
    const started = performance.now();
    let failure: string | undefined;
    try {
      failure = await run();
    } catch (error) {
      failure = `threw: ${(error as Error).message}`;
    }
    this.record(endpoint, performance.now() - started, failure);
  }

  figures(seconds: number): EndpointFigures[] {
    return [...this.samples].map(([endpoint, entry]) => ({
      endpoint,
      requests: entry.ms.length,
      perSecond: entry.ms.length / seconds,
      latency: percentiles(entry.ms),
      errors: entry.errors,
      examples: entry.examples,
    }));
  }
}
