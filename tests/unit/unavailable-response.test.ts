// The portal server's 503 for requests that failed on an unreachable database: a real HTTP
// server whose handler fails like Next.js does (500, then its error page), after a real pool
// failed to connect to a port where no PostgreSQL listens.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerUnavailableOnDatabaseFailure } from "@/lib/http/unavailable-response";
import { findFreePort } from "@/scripts/embedded-postgres";
import { databaseFailureCount, watchDatabasePool } from "@/lib/ops/database-failures";

let server: Server;
let baseUrl: string;
let pool: pg.Pool;

type Handler = (res: ServerResponse) => Promise<void> | void;
const handlers = new Map<string, Handler>();

async function failToReachDatabase() {
  await expect(pool.query("SELECT 1")).rejects.toThrow();
}

beforeAll(async () => {
  const closedPort = await findFreePort(0);
  pool = watchDatabasePool(new pg.Pool({ connectionString: `postgresql://nobody:x@127.0.0.1:${closedPort}/none`, max: 1 }));
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    answerUnavailableOnDatabaseFailure(req, res);
    void handlers.get(new URL(req.url!, "http://x").searchParams.get("case")!)!(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  handlers.set("page-after-db-failure", async (res) => {
    await failToReachDatabase();
    res.statusCode = 500;
    res.setHeader("Content-Type", "text/html");
    res.setHeader("X-Frame-Options", "DENY");
    res.write("<html>Next.js error page");
    res.end("</html>");
  });
  handlers.set("explicit-head", async (res) => {
    await failToReachDatabase();
    res.writeHead(500, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ ok: false, code: "error", error: "internal" }));
  });
  handlers.set("other-500", (res) => {
    res.statusCode = 500;
    res.end("a bug, not the database");
  });
  handlers.set("streamed-200", async (res) => {
    res.writeHead(200, { "Content-Type": "text/html" });
    res.write("<html>shell");
    await failToReachDatabase();
    res.end("error boundary</html>");
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await pool.end();
});

describe("answerUnavailableOnDatabaseFailure", () => {
  it("counts a pool's failed connects", async () => {
    const before = databaseFailureCount();
    await failToReachDatabase();
    expect(databaseFailureCount()).toBeGreaterThan(before);
  });

  it("turns a page's 500 after a database failure into the parent portal's 503 page, in the visitor's language", async () => {
    const response = await fetch(`${baseUrl}/sign-in?case=page-after-db-failure`, { headers: { Cookie: "NEXT_LOCALE=vi" } });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const body = await response.text();
    expect(body).toContain('<html lang="vi" dir="ltr">');
    expect(body).toContain("Hiện không thể truy cập cổng thông tin phụ huynh.");
    expect(body).not.toContain("Next.js error page");
  });

  it("gives console pages the console's page and /api/ the JSON result shape", async () => {
    const console = await fetch(`${baseUrl}/console/parents?case=page-after-db-failure`);
    expect(console.status).toBe(503);
    expect(await console.text()).toContain("The console cannot reach its database right now.");
    const api = await fetch(`${baseUrl}/api/console/parents?case=explicit-head`);
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ ok: false, code: "error", error: expect.stringContaining("temporarily unavailable") });
  });

  it("leaves other failures and responses already under way alone", async () => {
    const bug = await fetch(`${baseUrl}/sign-in?case=other-500`);
    expect(bug.status).toBe(500);
    expect(await bug.text()).toBe("a bug, not the database");
    const streamed = await fetch(`${baseUrl}/sign-in?case=streamed-200`);
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toBe("<html>shellerror boundary</html>");
  });
});
