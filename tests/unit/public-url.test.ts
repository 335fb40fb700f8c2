import { describe, expect, it } from "vitest";
import { assertStartConfig, StartRefusedError } from "@/lib/config/assert-start-config";
import { publicBaseUrl, PublicUrlError, publicUrlIsHttps } from "@/lib/config/public-url";

const smtp = { SMTP_URL: "smtp://mail.district.org:587" };

describe("public URL", () => {
  it("is PORTAL_URL (else NEXTAUTH_URL) as an origin without a trailing slash", () => {
    expect(publicBaseUrl({ PORTAL_URL: "https://portal.district.org/" })).toBe("https://portal.district.org");
    expect(publicBaseUrl({ NEXTAUTH_URL: "https://portal.district.org" })).toBe("https://portal.district.org");
    expect(publicBaseUrl({ PORTAL_URL: "https://portal.district.org", NEXTAUTH_URL: "https://portal.district.org/" })).toBe(
      "https://portal.district.org",
    );
  });

  it("outside demo mode must be set and https, except http://localhost and 127.0.0.1 for local trials", () => {
    expect(() => publicBaseUrl({})).toThrow(PublicUrlError);
    expect(() => publicBaseUrl({})).toThrow(/PORTAL_URL/);
    expect(() => publicBaseUrl({ PORTAL_URL: "http://portal.district.org" })).toThrow(/https:\/\//);
    expect(() => publicBaseUrl({ NEXTAUTH_URL: "http://10.0.0.5:3000" })).toThrow(/NEXTAUTH_URL/);
    expect(publicBaseUrl({ PORTAL_URL: "http://localhost:3000" })).toBe("http://localhost:3000");
    expect(publicBaseUrl({ PORTAL_URL: "http://127.0.0.1:4100" })).toBe("http://127.0.0.1:4100");
  });

  it("refuses values that are not a plain origin, and two different URLs", () => {
    expect(() => publicBaseUrl({ PORTAL_URL: "portal.district.org" })).toThrow(/not a URL/);
    expect(() => publicBaseUrl({ PORTAL_URL: "https://portal.district.org/app" })).toThrow(/origin only/);
    expect(() => publicBaseUrl({ PORTAL_URL: "https://user:pw@portal.district.org" })).toThrow(/origin only/);
    expect(() => publicBaseUrl({ PORTAL_URL: "ftp://portal.district.org" })).toThrow(/https:\/\//);
    expect(() => publicBaseUrl({ PORTAL_URL: "https://a.district.org", NEXTAUTH_URL: "https://b.district.org" })).toThrow(/differ/);
  });

  it("in demo mode defaults to http://localhost:PORT", () => {
    expect(publicBaseUrl({ DEMO_MODE: "1" })).toBe("http://localhost:3000");
    expect(publicBaseUrl({ DEMO_MODE: "1", PORT: "4000" })).toBe("http://localhost:4000");
  });

  it("says whether cookies must be Secure", () => {
    expect(publicUrlIsHttps({ PORTAL_URL: "https://portal.district.org" })).toBe(true);
    expect(publicUrlIsHttps({ PORTAL_URL: "http://localhost:3000" })).toBe(false);
    expect(publicUrlIsHttps({})).toBe(false);
  });
});

describe("start refusals", () => {
  it("refuses outside demo mode without SMTP_URL, naming the variable", () => {
    expect(() => assertStartConfig({ PORTAL_URL: "https://portal.district.org" })).toThrow(StartRefusedError);
    expect(() => assertStartConfig({ PORTAL_URL: "https://portal.district.org" })).toThrow(/SMTP_URL is not set/);
  });

  it("refuses outside demo mode without an https public URL", () => {
    expect(() => assertStartConfig({ ...smtp })).toThrow(/PORTAL_URL is not set/);
    expect(() => assertStartConfig({ ...smtp, PORTAL_URL: "http://portal.district.org" })).toThrow(/must start with https/);
  });

  it("refuses a malformed TRUSTED_PROXIES", () => {
    expect(() => assertStartConfig({ ...smtp, PORTAL_URL: "https://p.district.org", TRUSTED_PROXIES: "10.0.0.0/99" })).toThrow(
      /TRUSTED_PROXIES/,
    );
  });

  it("starts a real deployment with SMTP_URL and an https URL, and demo mode with neither", () => {
    expect(assertStartConfig({ ...smtp, PORTAL_URL: "https://portal.district.org" })).toEqual({
      demo: false,
      publicUrl: "https://portal.district.org",
    });
    expect(assertStartConfig({ DEMO_MODE: "1" })).toEqual({ demo: true, publicUrl: "http://localhost:3000" });
  });
});
