// The parents' entry pages (sign-in, recovery, re-registration), for a visitor without a
// session, answered by the portal server from Next.js's own render of them, kept per language.
// Such a render depends only on the language, the district settings and the build: Next.js
// rendering the same page again costs ~14 ms of CPU (the load test's /sign-in), the copy well
// under 1. The copy is made by asking this same server for the page (a loopback request that
// bypasses the cache), so it is exactly what Next.js answers, headers included; each answer gets
// a fresh CSP nonce in place of the copy's (every place Next.js put it: scripts, Link header,
// policy). The district settings are read on every request, as the page itself does, and a
// change re-renders the copy, so every instance shows a saved change at once.
// Anything else goes to Next.js: another method, a query string (?app= of an app's sign-in),
// Next.js's client navigations (RSC headers), a session cookie or any cookie a page may read
// (the recovery flow's), a crawler (Next.js renders pages differently for some), a render that
// is not a plain 200 HTML page or that sets a cookie; and everything for 30 s after a render
// failed or took over 5 s (logged), so a broken loopback costs visitors nothing. Not in
// development: the dev server's pages change with the code and carry per-request data.
// tests/e2e/public-page-cache.test.ts compares every cached page with Next.js's answer.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isBot } from "next/dist/shared/lib/router/utils/is-bot";
import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { DEVICE_COOKIE_NAMES } from "@/lib/auth/device-cookie";
import { LOCALE_COOKIE, resolveLocale, type AppLocale } from "@/lib/i18n/locales";
import { compressForClient } from "@/lib/http/response-compression";
import { createNonce } from "@/lib/http/security-headers";
import { logger } from "@/lib/ops/logger";
import { metrics } from "@/lib/ops/metrics";
import { getDistrictSettings } from "@/lib/settings/district-settings";

/** Pages whose render for a visitor without a session depends only on language and settings. */
export const CACHED_PAGE_PATHS: ReadonlySet<string> = new Set(["/sign-in", "/student-sign-in", "/forgot-username", "/forgot-password", "/create-account"]);

/** Cookies these pages never read: the language (part of the key) and the sign-in device cookies. */
const IGNORED_COOKIES = new Set([LOCALE_COOKIE, ...Object.values(DEVICE_COOKIE_NAMES)]);

/** Headers of Next.js's client-side navigation and server actions: those want Next.js. */
const NEXT_REQUEST_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

/** Headers of the render not copied: per response, or set by the portal server on every answer. */
const UNCOPIED_HEADERS = new Set(["date", "age", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "x-request-id", "strict-transport-security"]);

/** A bound on what the key might miss (nothing known: the build, catalogs and settings are in it). */
const MAX_AGE_MS = 60_000;

/**
 * Marks the loopback render: Next.js answers it. A client sending it just gets Next.js's answer
 * too; only this process's own render carries its token (isOwnRender: its log line is marked).
 */
const RENDER_HEADER = "x-portal-page-render";

const RENDER_TIMEOUT_MS = 5_000;
const PAUSE_AFTER_FAILURE_MS = 30_000;

interface CachedPage {
  settings: string;
  renderedAt: number;
  nonce: string;
  body: string;
  headers: [name: string, values: string[]][];
}

export interface PublicPageCache {
  /** Whether the request may be answered from a copy (the answer may still fall back). */
  accepts(req: IncomingMessage): boolean;
  /** Answers from a copy, rendering it first if needed; false: nothing was sent, ask Next.js. */
  answer(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Whether the request is this cache's own loopback render (not a visitor's). */
  isOwnRender(req: IncomingMessage): boolean;
}

/** The request's cookies, parsed as Next.js parses them. */
function requestCookies(req: IncomingMessage): RequestCookies {
  return new RequestCookies(new Headers(typeof req.headers.cookie === "string" ? { cookie: req.headers.cookie } : {}));
}

/**
 * Where this server can reach itself: its own address, or 127.0.0.1 when it listens on every
 * interface (a "::" socket takes IPv4 too, and a host may have no IPv6 loopback).
 */
function loopbackTarget(server: Server): { host: string; port: number } {
  const address = server.address() as AddressInfo;
  const host = address.address === "::" || address.address === "0.0.0.0" ? "127.0.0.1" : address.address;
  return { host, port: address.port };
}

export function createPublicPageCache(server: Server, publicUrl: string): PublicPageCache {
  const publicHost = new URL(publicUrl).host;
  const pages = new Map<string, CachedPage>();
  const rendering = new Map<string, Promise<CachedPage | null>>();
  let pausedUntil = 0;
  const renderToken = Buffer.from(randomBytes(16).toString("hex"));

  function isOwnRender(req: IncomingMessage): boolean {
    const sent = req.headers[RENDER_HEADER];
    return typeof sent === "string" && sent.length === renderToken.length && timingSafeEqual(Buffer.from(sent), renderToken);
  }

  function accepts(req: IncomingMessage): boolean {
    if (req.method !== "GET" || !CACHED_PAGE_PATHS.has(req.url ?? "")) return false;
    if (req.headers[RENDER_HEADER] !== undefined || Date.now() < pausedUntil) return false;
    if (isBot(req.headers["user-agent"] ?? "")) return false;
    if (NEXT_REQUEST_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
    return requestCookies(req)
      .getAll()
      .every((cookie) => IGNORED_COOKIES.has(cookie.name));
  }

  /** Next.js's answer to a plain visit in `locale`, or null when it is not one to copy. */
  function render(path: string, locale: AppLocale, settings: string): Promise<CachedPage | null> {
    const { host, port } = loopbackTarget(server);
    const renderedAt = Date.now();
    return new Promise((resolve, reject) => {
      const ask = request(
        {
          host,
          port,
          path,
          method: "GET",
          headers: { host: publicHost, accept: "text/html", "accept-encoding": "identity", cookie: `${LOCALE_COOKIE}=${locale}`, [RENDER_HEADER]: renderToken.toString() },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => chunks.push(chunk));
          answer.on("error", reject);
          answer.on("end", () => {
            const body = Buffer.concat(chunks).toString("utf8");
            const nonce = /'nonce-([^']+)'/.exec(String(answer.headers["content-security-policy"] ?? ""))?.[1];
            const plainPage =
              answer.statusCode === 200 && String(answer.headers["content-type"]).startsWith("text/html") && answer.headers["set-cookie"] === undefined && nonce && body.includes(nonce);
            if (!plainPage) return resolve(null);
            // As Next.js spelled them (rawHeaders), a repeated header kept as its list.
            const headers = new Map<string, [string, string[]]>();
            for (let index = 0; index + 1 < answer.rawHeaders.length; index += 2) {
              const name = answer.rawHeaders[index]!;
              if (UNCOPIED_HEADERS.has(name.toLowerCase())) continue;
              const entry = headers.get(name.toLowerCase()) ?? [name, []];
              entry[1].push(answer.rawHeaders[index + 1]!);
              headers.set(name.toLowerCase(), entry);
            }
            resolve({ settings, renderedAt, nonce, body, headers: [...headers.values()] });
          });
        },
      );
      ask.setTimeout(RENDER_TIMEOUT_MS, () => ask.destroy(new Error(`no answer within ${RENDER_TIMEOUT_MS} ms`)));
      ask.on("error", reject);
      ask.end();
    });
  }

  /** One render per page, language and settings at a time, however many visitors wait for it. */
  async function pageFor(path: string, locale: AppLocale, settings: string): Promise<CachedPage | null> {
    const key = `${path} ${locale}`;
    const cached = pages.get(key);
    if (cached && cached.settings === settings && Date.now() - cached.renderedAt < MAX_AGE_MS) return cached;
    const flightKey = `${key} ${settings}`;
    let flight = rendering.get(flightKey);
    if (!flight) {
      flight = render(path, locale, settings)
        .catch((error: unknown) => {
          pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
          logger.warn({ err: error, path, locale }, "public page copy: the render failed; Next.js answers these pages for 30 s");
          return null;
        })
        .finally(() => rendering.delete(flightKey));
      rendering.set(flightKey, flight);
    }
    const page = await flight;
    if (page && pages.get(key) !== page) {
      pages.set(key, page);
      metrics.publicPages.inc({ source: "render" });
    }
    return page;
  }

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    let page: CachedPage | null;
    try {
      const locale = resolveLocale(requestCookies(req).get(LOCALE_COOKIE)?.value, req.headers["accept-language"] ?? null);
      const settings = JSON.stringify(await getDistrictSettings());
      page = await pageFor(req.url!, locale, settings);
    } catch {
      // The database or the render failed: Next.js answers, with its 503 page if it is down.
      return false;
    }
    if (!page) return false;
    const nonce = createNonce();
    const { payload, gzipped } = await compressForClient(Buffer.from(page.body.replaceAll(page.nonce, nonce)), req.headers["accept-encoding"]);
    for (const [name, values] of page.headers) {
      const withNonce = values.map((value) => value.replaceAll(page.nonce, nonce));
      res.setHeader(name, withNonce.length === 1 ? withNonce[0]! : withNonce);
    }
    if (gzipped) res.setHeader("Content-Encoding", "gzip");
    // How old the copy is (RFC 9111), as any cache says; it also tells a copy from a render.
    res.setHeader("Age", String(Math.floor((Date.now() - page.renderedAt) / 1000)));
    res.setHeader("Content-Length", payload.length);
    res.statusCode = 200;
    res.end(payload);
    metrics.publicPages.inc({ source: "copy" });
    return true;
  }

  return { accepts, answer, isOwnRender };
}
