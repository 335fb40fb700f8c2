// `npm run bench -- --trace-sql`: where an import's time goes, statement by statement, without
// touching the importer. In the import's own process, every promise-returning pg query is
// timed (COPY streams are left alone: the "reading" phase covers them), and the slowest ones
// are reported with the run's figures. With BENCH_EXPLAIN=1 every CREATE TEMP TABLE ... AS runs
// under EXPLAIN (ANALYZE, BUFFERS), which still creates the table, and its plan goes to stderr.
import pg from "pg";

export type SqlTiming = { sql: string; seconds: number };

const KEEP = 12;

/** Starts timing pg queries in this process; the returned function gives the slowest ones. */
export function traceSql(): () => SqlTiming[] {
  const timings: SqlTiming[] = [];
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  const explain = process.env.BENCH_EXPLAIN === "1";
  // BENCH_TRACE_ALL=1: every statement of half a second or more, in the order they end, on
  // stderr; BENCH_TRACE_ALL=0.1: of 0.1 s or more.
  const traceAll = Number(process.env.BENCH_TRACE_ALL);
  const everyStatement = traceAll > 0;
  const traceFrom = traceAll === 1 ? 0.5 : traceAll;
  pg.Client.prototype.query = function timedQuery(this: pg.Client, ...args: unknown[]) {
    const started = performance.now();
    if (explain && typeof args[0] === "string" && /^\s*CREATE TEMP TABLE \w+ ON COMMIT DROP AS/.test(args[0])) {
      const statement = args[0];
      return (original.apply(this, [`EXPLAIN (ANALYZE, BUFFERS) ${statement}`, ...args.slice(1)]) as Promise<pg.QueryResult<{ "QUERY PLAN": string }>>).then((result) => {
        const name = /CREATE TEMP TABLE (\w+)/.exec(statement)?.[1];
        process.stderr.write(`--- ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)\n${result.rows.map((row) => row["QUERY PLAN"]).join("\n")}\n`);
        return { ...result, rows: [], rowCount: 0 };
      });
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) {
      const first = args[0];
      const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "(query object)");
      void result.then(
        () => {
          const timing = { sql: text.replace(/\s+/g, " ").trim().slice(0, 160), seconds: (performance.now() - started) / 1000 };
          timings.push(timing);
          if (everyStatement && timing.seconds >= traceFrom) process.stderr.write(`${timing.seconds.toFixed(2)} s  ${timing.sql}\n`);
        },
        () => undefined,
      );
    }
    return result;
  } as typeof pg.Client.prototype.query;
  return () => [...timings].sort((a, b) => b.seconds - a.seconds).slice(0, KEEP);
}
