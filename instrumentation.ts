// Next.js calls register() once when a server process starts: refuse a process that was not
// started by the portal's server, then begin sending queued mail and running roster imports.
export async function register() {
  // Not in the Edge runtime, not while `next build` collects pages.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { refuseForeignProcess } = await import("./lib/http/refuse-foreign-process");
  refuseForeignProcess();
  if (!process.env.DATABASE_URL) return;
  const { startMailServices } = await import("./lib/mail/start-mail-services");
  await startMailServices();
  const { startRosterWorker } = await import("./lib/roster/jobs/start-roster-worker");
  startRosterWorker();
  // Demo mode: the demo lunch app's registration follows this start's public URL.
  const { ensureDemoLunchApp } = await import("./lib/demo-apps/lunch-app");
  await ensureDemoLunchApp().catch((error: unknown) => console.error("[demo] could not register the demo lunch app", error));
}
