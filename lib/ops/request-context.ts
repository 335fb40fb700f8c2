// The id of the request being served, for log lines and audit events. The portal's server
// (lib/http/portal-server.ts) runs each request inside this context; Next.js runs the route,
// page or server action within it, so any module below can read the id without it being passed
// along. The storage sits on globalThis: the server is loaded by tsx and the app's code by
// Next.js's bundle, two copies of this module that must share one context.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export interface RequestContext {
  requestId: string;
}

const KEY = Symbol.for("parent-portal.request-context");
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestContext> | undefined>;
const storage: AsyncLocalStorage<RequestContext> = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

/** The header the server sets on every request (overwriting the browser's) and every response. */
export const REQUEST_ID_HEADER = "x-request-id";

// What a reverse proxy's own request id may look like to be kept (letters, digits, - _ . :),
// so an id can never carry a line break or markup into a log or the audit trail.
const FORWARDED_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** A trusted proxy's well-formed id (to follow one request through both logs), or a fresh one. */
export function requestIdFor(forwarded: string | string[] | undefined, fromTrustedProxy: boolean): string {
  const candidate = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  if (fromTrustedProxy && candidate && FORWARDED_ID.test(candidate)) return candidate;
  return randomUUID();
}

export function runWithRequestContext<T>(context: RequestContext, run: () => T): T {
  return storage.run(context, run);
}

/** The current request's id, or null outside a request (workers, commands, tests). */
export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}
