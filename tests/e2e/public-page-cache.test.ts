// The parents' entry pages for a visitor without a session come from the portal server's copy of
// Next.js's render (lib/http/public-page-cache.ts). The copy must be Next.js's answer, headers
// and body, in every language, with a nonce of its own each time; a settings change shows at
// once; anything a copy cannot answer (a session, an app's sign-in, a client navigation, a
// cookie a page reads) still reaches Next.js. Next.js's own answer is asked for with the header
// the cache's loopback render uses (a client sending it only gets Next.js's answer).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eServer } from "../helpers/e2e-server";
import { signInOverHttp } from "../helpers/server-action-http";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const server = e2eServer();
process.env.DATABASE_URL = server.databaseUrl;
const baseUrl = server.baseUrl;

const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const { CACHED_PAGE_PATHS } = await import("@/lib/http/public-page-cache");
const { LOCALES } = await import("@/lib/i18n/locales");
const { getDistrictSettings } = await import("@/lib/settings/district-settings");

// Differ between any two answers by nature; `age` only a copy carries (checked on its own).
const PER_RESPONSE_HEADERS = new Set(["date", "age", "x-request-id", "content-length", "transfer-encoding", "connection", "keep-alive"]);
const NEXT_RENDER = { "x-portal-page-render": "1" };

let parentCookie = "";

beforeAll(async () => {
  const school = await createSchool(prisma, "Copy Elementary");
  await createParentWithChild(prisma, school.id, { firstName: "Pia", lastName: "Copyfield", account: { username: "pia.copyfield", passwordHash: await hashSecret("copy field parent password 31") } });
  parentCookie = await signInOverHttp(baseUrl, "parent", { username: "pia.copyfield", password: "copy field parent password 31" });
});

afterAll(async () => {
  await prisma.$disconnect();
});

async function copyAnswers(): Promise<number> {
  const response = await fetch(new URL("/api/metrics", baseUrl), { headers: { Authorization: `Bearer ${server.metricsToken}` } });
  const line = (await response.text()).split("\n").find((candidate) => candidate.startsWith('portal_public_page_answers_total{source="copy"} '));
  return line ? Number(line.split(" ")[1]) : 0;
}

/** An answer with its nonce replaced by a marker, so two answers compare. */
async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, baseUrl), { headers, redirect: "manual" });
  const body = await response.text();
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1] ?? "no nonce";
  const normalHeaders = Object.fromEntries([...response.headers].filter(([name]) => !PER_RESPONSE_HEADERS.has(name)).map(([name, value]) => [name, value.replaceAll(nonce, "NONCE")]));
  return {
    status: response.status,
    headers: normalHeaders,
    body: body.replaceAll(nonce, "NONCE"),
    nonce,
    rawBody: body,
    location: response.headers.get("location"),
    fromCopy: response.headers.has("age"),
  };
}

describe("the parents' entry pages from the portal server's copy", () => {
  it("answers each page in each language exactly as Next.js renders it, with a fresh nonce each time", async () => {
    const before = await copyAnswers();
    const nonces = new Set<string>();
    for (const path of CACHED_PAGE_PATHS) {
      for (const locale of LOCALES) {
        const cookie = { cookie: `NEXT_LOCALE=${locale}` };
        const copy = await get(path, cookie);
        const rendered = await get(path, { ...cookie, ...NEXT_RENDER });
        expect(copy.status, `${path} ${locale}`).toBe(200);
        expect([copy.fromCopy, rendered.fromCopy], `${path} ${locale}`).toEqual([true, false]);
        expect(copy.headers, `${path} ${locale}`).toEqual(rendered.headers);
        expect(copy.body, `${path} ${locale}`).toEqual(rendered.body);
        expect(copy.body).toContain(`<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}"`);
        // The nonce of the policy is the one on the page's scripts, and never one seen before.
        expect(copy.rawBody).toContain(`nonce="${copy.nonce}"`);
        expect(nonces.has(copy.nonce)).toBe(false);
        nonces.add(copy.nonce);
      }
    }
    // Counted (at least these: nothing else should ask, but the server is shared with other files).
    expect((await copyAnswers()) - before).toBeGreaterThanOrEqual(CACHED_PAGE_PATHS.size * LOCALES.length);
  });

  it("takes the language from the browser when no language was chosen, and gzips when asked", async () => {
    const copy = await get("/sign-in", { "accept-language": "vi-VN,vi;q=0.9", "accept-encoding": "gzip" });
    expect(copy.fromCopy).toBe(true);
    expect(copy.headers["content-encoding"]).toBe("gzip");
    expect(copy.body).toContain('<html lang="vi"');
    expect(copy.body).toEqual((await get("/sign-in", { "accept-language": "vi-VN,vi;q=0.9", "accept-encoding": "gzip", ...NEXT_RENDER })).body);
  });

  it("shows a change of the district settings at once", async () => {
    expect((await get("/sign-in")).body).not.toContain("Copyfield Family Portal");
    const { portalName } = await getDistrictSettings(); // the row, made if missing
    await prisma.districtSettings.update({ where: { id: 1 }, data: { portalName: "Copyfield Family Portal" } });
    try {
      const copy = await get("/sign-in");
      expect(copy.fromCopy).toBe(true);
      expect(copy.body).toContain("Copyfield Family Portal");
      expect(copy.body).toEqual((await get("/sign-in", NEXT_RENDER)).body);
    } finally {
      await prisma.districtSettings.update({ where: { id: 1 }, data: { portalName } });
    }
  });

  it("leaves to Next.js what a copy cannot answer", async () => {
    // A signed-in parent is sent on to their home page.
    const signedIn = await get("/sign-in", { cookie: parentCookie });
    expect(signedIn.status).toBe(307);
    expect(signedIn.location).toMatch(/\/home$/);
    // An app's sign-in names the app: an unknown interaction ends on the expired page.
    const forApp = await get("/sign-in?app=unknowninteraction0000");
    expect(forApp.status).toBe(307);
    expect(forApp.location).toMatch(/\/app-sign-in-expired$/);
    // A client-side navigation asks for the page's React Server Components payload (Next.js
    // sends one without its cache-busting parameter on to the URL with it).
    const navigation = await get("/sign-in", { rsc: "1" });
    expect(navigation.status).toBe(307);
    expect(navigation.location).toMatch(/_rsc/);
    // A cookie a page may read (the recovery flow's, or any other), and a crawler.
    const withCookie = await get("/forgot-password", { cookie: "portal_recovery=anything" });
    const crawler = await get("/sign-in", { "user-agent": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)" });
    for (const answer of [signedIn, forApp, navigation, withCookie, crawler]) expect(answer.fromCopy).toBe(false);
    expect([withCookie.status, crawler.status]).toEqual([200, 200]);
    // The device cookie and the language cookie are not read by these pages: still the copy.
    const withDevice = await get("/sign-in", { cookie: "portal_device=x; NEXT_LOCALE=es" });
    expect(withDevice.fromCopy).toBe(true);
    expect(withDevice.body).toContain('<html lang="es"');
  });
});
