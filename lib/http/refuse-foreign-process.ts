// Plain `next start` / `next dev` would hand the client's own X-Forwarded-For to the rate
// limits and the audit trail, and skip the start refusals: only lib/http/portal-server.ts,
// which marks its process before Next.js loads, may serve the app. Called by instrumentation.ts.
import { isPortalServerProcess } from "@/lib/http/portal-server-marker";

export function refuseForeignProcess(): void {
  if (isPortalServerProcess()) return;
  console.error(
    "\n✗ Refusing to start: this process was not started by the portal's server (lib/http/portal-server.ts). " +
      "Use `npm start` (or `tsx scripts/serve.ts`), not `next start` / `next dev`.\n",
  );
  process.exit(1);
}
