// How the app knows that the request headers carrying the client's address were written by
// our server (lib/http/portal-server.ts) and not by the browser. The server marks its own
// process before Next.js loads; a process started otherwise (plain `next start`) has no mark,
// and nothing a client sends can set one, so there the header is never believed.
const MARK = Symbol.for("parent-portal.portal-server");

/** The request header our server overwrites on every request with the computed address. */
export const CLIENT_ADDRESS_HEADER = "x-portal-client-address";

export function markPortalServerProcess(): void {
  (globalThis as Record<symbol, unknown>)[MARK] = true;
}

export function isPortalServerProcess(): boolean {
  return (globalThis as Record<symbol, unknown>)[MARK] === true;
}
