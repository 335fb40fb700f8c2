// A CSV file streamed as a download: chunks from an async generator, pulled as the client reads
// (a large export never sits in memory whole), named with the time of the request.
import { logger } from "@/lib/ops/logger";

/**
 * `name`: the file name's stem (e.g. "audit" -> audit-20261126-183000.csv); `logLabel` names the
 * export in the log line of a failure mid-stream.
 */
export function csvDownloadResponse(chunks: AsyncGenerator<string>, name: string, logLabel: string): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        // Headers are gone already: cut the download short rather than send a partial file as complete.
        logger.error({ download: logLabel, err: error }, "download failed mid-stream");
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
