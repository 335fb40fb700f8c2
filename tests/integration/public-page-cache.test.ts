// The copy of the parents' entry pages (lib/http/public-page-cache.ts) around a real HTTP server
// that stands in for Next.js: the loopback render reaches it (and only it), one render serves
// many visitors each with a nonce of its own, a render that is not a plain page is never
// copied, and a render that hangs costs visitors at most one wait before Next.js answers them
// directly for a while. tests/e2e/public-page-cache.test.ts compares copies with the real app.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPublicPageCache, type PublicPageCache } from "@/lib/http/public-page-cache";
import { getDistrictSettings } from "@/lib/settings/district-settings";

const RENDER_NONCE = "cmVuZGVyLW5vbmNlLTEyMw==";
const PAGE = `<!DOCTYPE html><html lang="en"><body><script nonce="${RENDER_NONCE}">1</script>${"x".repeat(2000)}</body></html>`;

type Renderer = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server | null = null;

// The settings row, made once (the first read of a fresh database creates it).
beforeAll(() => getDistrictSettings());

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

/** The cache in front of a server whose marked (render) requests `renderer` answers; the rest, "from Next.js". */
async function start(renderer: Renderer): Promise<{ url: string; renders: IncomingMessage[]; cache: PublicPageCache }> {
  const renders: IncomingMessage[] = [];
  const http = createServer((req, res) => {
    void (async () => {
      if (cache.accepts(req) && (await cache.answer(req, res))) return;
      if (req.headers["x-portal-page-render"]) {
        renders.push(req);
        return renderer(req, res);
      }
      res.end("from Next.js");
    })();
  });
  const cache = createPublicPageCache(http, "https://portal.district.example");
  server = http;
  http.listen(0); // every interface, as `npm start` listens: the render goes to 127.0.0.1
  await once(http, "listening");
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, renders, cache };
}

const plainPage: Renderer = (_req, res) => {
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": `script-src 'nonce-${RENDER_NONCE}'`, Link: `</a.css>; nonce="${RENDER_NONCE}"` });
  res.end(PAGE);
};

describe("the copy of a public page", () => {
  it("knows its own loopback render from a visitor who sends the same header (the server marks the render's log line)", async () => {
    const { url, renders, cache } = await start(plainPage);
    await (await fetch(`${url}/sign-in`)).text();
    expect(renders).toHaveLength(1);
    expect(cache.isOwnRender(renders[0]!)).toBe(true);
    // The header alone, any value, even one of the token's length, is a visitor's request (the
    // stand-in hands every marked request to its renderer, as Next.js would answer it).
    for (const forged of ["1", "0".repeat(32), String(renders[0]!.headers["x-portal-page-render"]).replace(/./, (c) => (c === "a" ? "b" : "a"))]) {
      await (await fetch(`${url}/sign-in`, { headers: { "x-portal-page-render": forged } })).text();
      expect(cache.isOwnRender(renders.at(-1)!)).toBe(false);
    }
    expect(renders).toHaveLength(4);
  });

  it("renders once through the loopback for many visitors, each answer with a fresh nonce", async () => {
    const { url, renders } = await start(plainPage);
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${url}/sign-in`, { headers: { "accept-language": "es" } })));
    const nonces = new Set<string>();
    for (const answer of answers) {
      const body = await answer.text();
      const nonce = /'nonce-([^']+)'/.exec(answer.headers.get("content-security-policy")!)![1]!;
      expect(answer.status).toBe(200);
      expect(body).toBe(PAGE.replace(RENDER_NONCE, nonce));
      expect(answer.headers.get("link")).toBe(`</a.css>; nonce="${nonce}"`);
      expect(answer.headers.get("age")).toBe("0");
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(8);
    expect(nonces.has(RENDER_NONCE)).toBe(false);
    expect(renders).toHaveLength(1);
    // The render asks as a plain visit in the visitor's language, to the public host.
    expect(renders[0]!.headers).toMatchObject({ host: "portal.district.example", cookie: "NEXT_LOCALE=es", "accept-encoding": "identity" });
    expect(renders[0]!.url).toBe("/sign-in");
  });

  it("never copies a render that sets a cookie or is not a 200 page", async () => {
    let answer = 0;
    const { url, renders } = await start((req, res) => {
      answer += 1;
      if (answer === 1) res.setHeader("Set-Cookie", "x=1");
      if (answer === 2) return void res.writeHead(307, { Location: "/home", "Content-Type": "text/html", "Content-Security-Policy": `script-src 'nonce-${RENDER_NONCE}'` }).end(PAGE);
      plainPage(req, res);
    });
    expect(await (await fetch(`${url}/sign-in`)).text()).toBe("from Next.js");
    expect(await (await fetch(`${url}/sign-in`, { redirect: "manual" })).text()).toBe("from Next.js");
    expect(renders).toHaveLength(2);
    // The third render is a plain page: copied, then served without another render.
    await fetch(`${url}/sign-in`);
    expect((await (await fetch(`${url}/sign-in`)).text()).length).toBe(PAGE.length);
    expect(renders).toHaveLength(3);
  });

  it("gives up on a render after 5 s, and lets Next.js answer without trying again for a while", async () => {
    const { url, renders } = await start(() => {}); // never answers
    const startedAt = Date.now();
    expect(await (await fetch(`${url}/forgot-username`)).text()).toBe("from Next.js");
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(4_900);
    expect(await (await fetch(`${url}/sign-in`)).text()).toBe("from Next.js");
    expect(renders).toHaveLength(1);
  });

  it("leaves crawlers, other paths, query strings and other cookies to Next.js", async () => {
    const { url, renders } = await start(plainPage);
    for (const [path, headers] of [
      ["/sign-in", { "user-agent": "Mozilla/5.0 (compatible; Bingbot/2.0; +http://www.bing.com/bingbot.htm)" }],
      ["/home", {}],
      ["/sign-in?app=x", {}],
      ["/sign-in", { cookie: "__Secure-next-auth.session-token.0=abc" }],
      ["/sign-in", { cookie: "NEXT_LOCALE=ar; analytics=1" }],
    ] as const) {
      expect(await (await fetch(`${url}${path}`, { headers })).text(), `${path} ${JSON.stringify(headers)}`).toBe("from Next.js");
    }
    expect(renders).toHaveLength(0);
  });
});
