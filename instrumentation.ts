// Next.js calls register() once when a server process starts: begin sending queued mail.
export async function register() {
  // Not in the Edge runtime, not while `next build` collects pages, not without a database.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (!process.env.DATABASE_URL) return;
  const { startMailServices } = await import("./lib/mail/start-mail-services");
  await startMailServices();
}
