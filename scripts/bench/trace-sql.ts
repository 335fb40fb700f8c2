// `npm run bench -- --trace-sql`: where an import's time goes, statement by statement, without
// touching the importer. In the import's own process, every promise-returning pg query is
// timed (COPY streams are left alone: the "reading" phase covers them), and the slowest ones
// are reported with the run's figures.
import pg from "pg";

export type SqlTiming = { sql: string; seconds: number };

const KEEP = 12;

/** Starts timing pg queries in this process; the returned function gives the slowest ones. */
export function traceSql(): () => SqlTiming[] {
  const timings: SqlTiming[] = [];
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function timedQuery(this: pg.Client, ...args: unknown[]) {
    const started = performance.now();
    const result = original.apply(this, args);
    if (result instanceof Promise) {
      const first = args[0];
      const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "(query object)");
      void result.then(
        () => timings.push({ sql: text.replace(/\s+/g, " ").trim().slice(0, 160), seconds: (performance.now() - started) / 1000 }),
        () => undefined,
      );
    }
    return result;
  } as typeof pg.Client.prototype.query;
  return () => [...timings].sort((a, b) => b.seconds - a.seconds).slice(0, KEEP);
}
