// Calls the production build over real HTTP the way the browser does: server actions by POST
// with their id (Next-Action header) and React's reply encoding, sign-in through next-auth's
// credentials callback. Also reads the build's manifests: which actions and routes exist.
import { readFileSync } from "node:fs";
import path from "node:path";

export interface BuiltAction {
  id: string;
  name: string;
  filename: string;
  /** A page whose server bundle holds the action (the POST goes there, as from that page). */
  pagePath: string;
}

/** The server actions in the build, from `.next/server/server-reference-manifest.json`. */
export function builtServerActions(buildDir = ".next"): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(path.join(buildDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string; filename?: string }>;
  };
  const pagePaths = builtPaths(buildDir);
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers).find((name) => pagePaths.has(name.replace(/^app/, "")));
    if (!entry.exportedName || !entry.filename || !worker) throw new Error(`server action ${id} has no name, file or page in the manifest`);
    return { id, name: entry.exportedName, filename: entry.filename, pagePath: pagePaths.get(worker.replace(/^app/, ""))! };
  });
}

/** Entry ("/(parent)/sign-in/page") to URL path ("/sign-in") of every page and route. */
function builtPaths(buildDir: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(buildDir, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  return new Map(Object.entries(manifest));
}

/** The route handlers in the build, as their route paths ("/api/auth/[...nextauth]"). */
export function builtRouteHandlers(buildDir = ".next"): string[] {
  return [...builtPaths(buildDir)].filter(([entry]) => entry.endsWith("/route")).map(([, route]) => route);
}

/** A FormData argument (React encodes it as a multipart reply). */
export class FormArgument {
  constructor(public readonly fields: Record<string, string>) {}
}

export type ActionAnswer = { kind: "result"; value: unknown } | { kind: "redirect"; location: string } | { kind: "http"; status: number; text: string };

/**
 * POSTs a server action by id, with its arguments encoded as React's encodeReply does.
 * `extraHeaders` add to the request's headers (e.g. a load balancer's X-Forwarded-For).
 */
export async function callServerAction(
  baseUrl: string,
  action: BuiltAction,
  args: unknown[],
  cookie: string,
  origin = new URL(baseUrl).origin,
  extraHeaders: Record<string, string> = {},
): Promise<ActionAnswer> {
  const headers: Record<string, string> = { ...extraHeaders, "Next-Action": action.id, Accept: "text/x-component", Origin: origin };
  if (cookie) headers.Cookie = cookie;
  let body: string | FormData;
  if (args.some((arg) => arg instanceof FormArgument)) {
    // A reply with a FormData inside goes as multipart: part "0" is the argument list, each
    // form's fields are parts named "_<n>_<field>" and the form itself is "$K<n>".
    const form = new FormData();
    let next = 1;
    const root = args.map((arg) => {
      if (!(arg instanceof FormArgument)) return arg;
      const id = next++;
      for (const [key, value] of Object.entries(arg.fields)) form.append(`_${id}_${key}`, value);
      return `$K${id.toString(16)}`;
    });
    form.set("0", JSON.stringify(root));
    body = form;
  } else {
    headers["Content-Type"] = "text/plain;charset=UTF-8";
    body = JSON.stringify(args);
  }
  const response = await fetch(new URL(action.pagePath, baseUrl), { method: "POST", headers, body, redirect: "manual" });
  const text = await response.text();
  const redirect = response.headers.get("x-action-redirect");
  if (redirect) return { kind: "redirect", location: redirect.split(";")[0]! };
  if (response.status !== 200 || !response.headers.get("content-type")?.startsWith("text/x-component")) {
    return { kind: "http", status: response.status, text: text.slice(0, 300) };
  }
  return { kind: "result", value: actionResultOf(text) };
}

/** The action's return value in a flight response: row 0 is `{ a: result, ... }`, possibly by reference. */
function actionResultOf(flight: string): unknown {
  const rows = new Map<string, unknown>();
  for (const line of flight.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (!match) continue;
    try {
      rows.set(match[1]!, JSON.parse(match[2]!));
    } catch {
      // a non-JSON row (hints, text chunks): not part of the result
    }
  }
  const resolve = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (value === "$undefined") return undefined;
      const reference = /^\$@?([0-9a-f]+)$/.exec(value);
      if (reference && rows.has(reference[1]!)) return resolve(rows.get(reference[1]!));
      return value.startsWith("$$") ? value.slice(1) : value;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
    return value;
  };
  const root = rows.get("0") as { a?: unknown } | undefined;
  if (!root || !("a" in root)) throw new Error(`no action result in the response: ${flight.slice(0, 300)}`);
  return resolve(root.a);
}

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]!);
}

/**
 * Signs in through next-auth's credentials callback and returns the Cookie header of the session.
 * Staff with two-step sign-in pass `secondFactor` (a recovery code or authenticator code): the
 * passphrase answers with a sign-in ticket, and the "staff-mfa" callback turns it into a session.
 */
export async function signInOverHttp(
  baseUrl: string,
  provider: "staff" | "parent",
  credentials: Record<string, string>,
  secondFactor?: { kind: "totp" | "recovery"; code: string },
): Promise<string> {
  const csrf = await fetch(new URL("/api/auth/csrf", baseUrl));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiePairs(csrf);
  const response = await fetch(new URL(`/api/auth/callback/${provider}`, baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: jar.join("; ") },
    body: new URLSearchParams({ ...credentials, csrfToken, json: "true" }),
  });
  let session = cookiePairs(response).filter((pair) => pair.includes("session-token=") && !pair.endsWith("="));
  const ticket = cookiePairs(response).filter((pair) => pair.startsWith("console_sign_in_ticket=") && !pair.endsWith("="));
  if (session.length === 0 && ticket.length > 0 && secondFactor) {
    const second = await fetch(new URL("/api/auth/callback/staff-mfa", baseUrl), {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: [...jar, ...ticket].join("; ") },
      body: new URLSearchParams({ kind: secondFactor.kind, code: secondFactor.code, csrfToken, json: "true" }),
    });
    session = cookiePairs(second).filter((pair) => pair.includes("session-token=") && !pair.endsWith("="));
    if (session.length === 0) throw new Error(`second step as ${provider} failed: ${second.status} ${await second.text()}`);
  }
  if (session.length === 0) throw new Error(`sign-in as ${provider} failed: ${response.status} ${await response.text()}`);
  return session.join("; ");
}
