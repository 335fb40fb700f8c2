// Capacity (issue 11, item 5): closed-loop requests from N connections with autocannon, each
// connection sending its next request as soon as the last is answered, spread over the
// instances. Every answer's time is kept (autocannon's own summary has no p95); anything but a
// 2xx, a socket error or a timeout counts as an error.
import autocannon from "autocannon";
import { percentiles } from "@/scripts/bench/stats";
import type { EndpointFigures } from "./latency-log";
import { processCpuSeconds } from "./process-stats";

const serversCpu = (pids: number[]) => pids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);

export interface ClosedLoopOptions {
  endpoint: string;
  /** The same path on each instance. */
  urls: string[];
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** Seconds of the same load first, not recorded (JIT, caches, connection pools). */
  warmupSeconds: number;
  /** The servers' processes: their CPU time during the recorded run is divided by the answers. */
  pids?: number[];
}

function run(options: ClosedLoopOptions, seconds: number, onAnswer?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        // autocannon spreads the connections over several URLs (its types name only one).
        url: options.urls as unknown as string,
        connections: options.connections,
        duration: seconds,
        headers: options.headers,
        timeout: 30,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onAnswer) instance.on("response", (_client, _status, _bytes, ms) => onAnswer(ms));
  });
}

export async function closedLoop(options: ClosedLoopOptions): Promise<EndpointFigures> {
  if (options.warmupSeconds > 0) await run(options, options.warmupSeconds);
  const answers: number[] = [];
  const cpuBefore = serversCpu(options.pids ?? []);
  const result = await run(options, options.seconds, (ms) => answers.push(ms));
  const cpuSeconds = serversCpu(options.pids ?? []) - cpuBefore;
  const errors = result.errors + result.non2xx;
  const examples = errors > 0 ? [`${result.non2xx} non-2xx, ${result.errors} socket errors (${result.timeouts} timeouts)`] : [];
  return {
    endpoint: options.endpoint,
    requests: answers.length,
    perSecond: answers.length / options.seconds,
    latency: percentiles(answers),
    errors,
    examples,
    ...(options.pids ? { serverCpuMsPerRequest: (cpuSeconds * 1000) / Math.max(1, answers.length) } : {}),
  };
}
