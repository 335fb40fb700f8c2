// Demo mode: `npm start` on its embedded database (it sets DEMO_MODE=1 for the app) or an
// explicit DEMO_MODE=1. Only in demo mode do the built-in SMTP receiver, the Dev inbox and
// the demo seed exist: outside it no process may swallow real parents' mail.
export function isDemoMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.DEMO_MODE === "1";
}
