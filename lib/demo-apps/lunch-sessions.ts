// The demo lunch app's own state, in this process's memory (it is a demo inside one server):
// sign-ins in progress (PKCE verifier, state, nonce), its signed-in sessions (keyed by a random
// cookie value, findable by the provider's sid and sub for back-channel logout), and the logout
// tokens' jti values already used (replay).
import { randomBytes } from "node:crypto";

export const LUNCH_SESSION_COOKIE = "lunch_demo_session";
export const LUNCH_LOGIN_COOKIE = "lunch_demo_login";

export interface PendingLogin {
  state: string;
  codeVerifier: string;
  nonce: string;
  createdAt: number;
}

export interface LunchSession {
  sub: string;
  sid: string | null;
  idToken: string;
  idTokenClaims: Record<string, unknown>;
  userinfo: Record<string, unknown> | null;
  signedInAt: number;
}

interface Store {
  pending: Map<string, PendingLogin>;
  sessions: Map<string, LunchSession>;
  usedJtis: Map<string, number>;
}

const PENDING_TTL_MS = 10 * 60_000;
const SESSION_TTL_MS = 8 * 3600_000;
// Route handlers and pages are separate bundles: the one store lives on globalThis.
const holder = globalThis as unknown as { lunchDemoStore?: Store };
const store = (holder.lunchDemoStore ??= { pending: new Map(), sessions: new Map(), usedJtis: new Map() });

function sweep(now = Date.now()) {
  for (const [key, login] of store.pending) if (now - login.createdAt > PENDING_TTL_MS) store.pending.delete(key);
  for (const [key, session] of store.sessions) if (now - session.signedInAt > SESSION_TTL_MS) store.sessions.delete(key);
  for (const [jti, exp] of store.usedJtis) if (exp * 1000 < now) store.usedJtis.delete(jti);
}

export function newOpaqueId(): string {
  return randomBytes(24).toString("base64url");
}

export function savePendingLogin(key: string, login: PendingLogin): void {
  sweep();
  store.pending.set(key, login);
}

/** The sign-in in progress for this cookie value, once (removed as it is read). */
export function takePendingLogin(key: string | undefined): PendingLogin | null {
  if (!key) return null;
  const login = store.pending.get(key) ?? null;
  store.pending.delete(key);
  return login && Date.now() - login.createdAt <= PENDING_TTL_MS ? login : null;
}

export function saveSession(key: string, session: LunchSession): void {
  sweep();
  store.sessions.set(key, session);
}

export function findSession(key: string | undefined): LunchSession | null {
  if (!key) return null;
  const session = store.sessions.get(key);
  return session && Date.now() - session.signedInAt <= SESSION_TTL_MS ? session : null;
}

export function endSession(key: string | undefined): void {
  if (key) store.sessions.delete(key);
}

/** Back-channel logout: ends the sessions of `sid`, or every session of `sub` when no sid is given. */
export function endSessionsOf(target: { sub?: string; sid?: string }): number {
  let ended = 0;
  for (const [key, session] of store.sessions) {
    const matches = target.sid ? session.sid === target.sid && (!target.sub || session.sub === target.sub) : session.sub === target.sub;
    if (matches) {
      store.sessions.delete(key);
      ended += 1;
    }
  }
  return ended;
}

/** False when this jti was already used (a replayed logout token). */
export function useJtiOnce(jti: string, exp: number): boolean {
  sweep();
  if (store.usedJtis.has(jti)) return false;
  store.usedJtis.set(jti, exp);
  return true;
}
