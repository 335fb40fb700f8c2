// Next.js calls register() once when a server process starts: refuse a process that was not
// started by the portal's server, then begin sending queued mail.
export async function register() {
  // Not in the Edge runtime, not while `next build` collects pages.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Plain `next start` would hand the client's own X-Forwarded-For to the rate limits and the
  // audit trail, and skip the start refusals: only lib/http/portal-server.ts may serve the app.
  const { isPortalServerProcess } = await import("./lib/http/portal-server-marker");
  if (!isPortalServerProcess()) {
    console.error(
      "\n✗ Refusing to start: this process was not started by the portal's server. Use `npm start` " +
        "(or `tsx scripts/serve.ts`), not `next start` / `next dev`.\n",
    );
    process.exit(1);
  }
  if (!process.env.DATABASE_URL) return;
  const { startMailServices } = await import("./lib/mail/start-mail-services");
  await startMailServices();
}
