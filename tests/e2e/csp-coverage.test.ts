// A CSP with a per-request nonce on every HTML answer: the proxy's matcher skips only the
// build's static files (not every path that merely starts like them), and a 404 is rendered
// per request, so its scripts carry the nonce (a prerendered 404 had none: blocked, never
// hydrated).
import { describe, expect, it } from "vitest";
import { e2eBaseUrl } from "../helpers/e2e-server";
import { rawRequest } from "../helpers/raw-http";

const baseUrl = e2eBaseUrl();

function nonceOf(policy: string): string | null {
  return /script-src[^;]*'nonce-([^']+)'/.exec(policy)?.[1] ?? null;
}

describe("CSP on every HTML answer", () => {
  it.each(["/sign-in", "/console/sign-in"])("control: %s carries the nonce on every script", async (path) => {
    const page = await rawRequest(`${baseUrl}${path}`);
    const nonce = nonceOf(String(page.headers["content-security-policy"] ?? ""));
    expect(nonce).not.toBeNull();
    expect(page.headers["cache-control"]).toMatch(/no-store/);
    for (const tag of page.body.match(/<script\b[^>]*>/g) ?? []) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it.each(["/favicon.ico/x", "/faviconXico", "/_next/image/x", "/_next/staticX"])("%s: an HTML answer carries a CSP", async (path) => {
    const page = await rawRequest(`${baseUrl}${path}`);
    expect(page.status).toBeGreaterThanOrEqual(400);
    const html = String(page.headers["content-type"] ?? "").includes("text/html") || /<script\b/.test(page.body);
    if (html) expect(page.headers["content-security-policy"], `no CSP on ${path}`).toBeDefined();
    else expect(page.body).not.toMatch(/<script\b/);
  });

  it("the 404 page's scripts carry the nonce of its CSP", async () => {
    const page = await rawRequest(`${baseUrl}/no-such-page`);
    expect(page.status).toBe(404);
    const nonce = nonceOf(String(page.headers["content-security-policy"] ?? ""));
    expect(nonce).not.toBeNull();
    const scripts = page.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    const without = scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`));
    expect(without, "scripts the CSP blocks").toEqual([]);
  });
});
