// Runs the portal's server (lib/http/portal-server.ts); `npm start` and the test/benchmark
// servers start it this way:  tsx scripts/serve.ts [--dev] [-p PORT] [-H HOST]
import { StartRefusedError } from "@/lib/config/assert-start-config";

function argument(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index === -1 ? undefined : process.argv[index + 1];
}

const dev = process.argv.includes("--dev");
const port = Number(argument("-p") ?? process.env.PORT ?? 3000);
// The demo public URL defaults to http://localhost:$PORT: keep it the port we listen on.
process.env.PORT = String(port);
// Next.js reads NODE_ENV when it loads, so set it before importing the server.
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV || (dev ? "development" : "production") });
const { startPortalServer } = await import("@/lib/http/portal-server");

try {
  const running = await startPortalServer({
    dev,
    port,
    hostname: argument("-H"),
  });
  const shutdown = () => {
    const forced = setTimeout(() => process.exit(0), 5_000);
    forced.unref();
    void running.close().finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
} catch (error) {
  if (error instanceof StartRefusedError) {
    console.error(`\n✗ ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
