// Which requests the portal server answers itself as the grid's search (the rest go to Next.js),
// and when its answer is gzipped (as Next.js would).
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isGridSearchRequest } from "@/lib/http/grid-search-endpoint";
import { acceptsGzip } from "@/lib/http/response-compression";

const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;

describe("the grid search endpoint of the portal server", () => {
  it("takes GET of the exact path, with or without a query", () => {
    expect(isGridSearchRequest(request("GET", "/api/console/parents"))).toBe(true);
    expect(isGridSearchRequest(request("GET", "/api/console/parents?q=garc&sort=child"))).toBe(true);
  });

  it("leaves other methods, a trailing slash, longer paths and look-alikes to Next.js", () => {
    for (const [method, url] of [
      ["HEAD", "/api/console/parents?q=garc"],
      ["POST", "/api/console/parents"],
      ["GET", "/api/console/parents/"],
      ["GET", "/api/console/parents/export"],
      ["GET", "/api/console/parentsX?q=garc"],
      ["GET", "/API/console/parents"],
      ["GET", "http://example.org/api/console/parents"],
    ] as const) {
      expect(isGridSearchRequest(request(method, url)), `${method} ${url}`).toBe(false);
    }
  });

  it("gzips only for a client that accepts gzip with a q above 0", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("br;q=1.0, gzip;q=0.8")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip;q=0.0, identity")).toBe(false);
    expect(acceptsGzip("x-gzip-like")).toBe(false);
  });
});
