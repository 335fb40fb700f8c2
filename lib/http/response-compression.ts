// Gzip for the answers the portal server gives itself (the grid's search, the cached public
// pages), as Next.js compresses its own: when the client accepts gzip and the body is 1 KB or more.
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const COMPRESS_FROM_BYTES = 1024;
const gzipAsync = promisify(gzip);

/** Whether Accept-Encoding allows gzip (listed, or "*", with a q above 0). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return (acceptEncoding ?? "").split(",").some((part) => {
    const [coding, ...parameters] = part.trim().toLowerCase().split(";");
    if (coding?.trim() !== "gzip" && coding?.trim() !== "*") return false;
    const q = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
    return q === undefined || Number(q) > 0;
  });
}

/** The body to send and whether it is gzipped. */
export async function compressForClient(body: Buffer, acceptEncoding: string | undefined): Promise<{ payload: Buffer; gzipped: boolean }> {
  if (body.length < COMPRESS_FROM_BYTES || !acceptsGzip(acceptEncoding)) return { payload: body, gzipped: false };
  return { payload: await gzipAsync(body), gzipped: true };
}
