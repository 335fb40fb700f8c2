import { describe, expect, it } from "vitest";
import { assertStartConfig, StartRefusedError } from "@/lib/config/assert-start-config";
import { publicBaseUrl, PublicUrlError, publicUrlIsHttps } from "@/lib/config/public-url";

const smtp = { SMTP_URL: "smtp://mail.district.org:587" };
const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

describe("public URL", () => {
  it("is PORTAL_URL (else NEXTAUTH_URL) as an origin without a trailing slash", () => {
    expect(publicBaseUrl(env({ PORTAL_URL: "https://portal.district.org/" }))).toBe("https://portal.district.org");
    expect(publicBaseUrl(env({ NEXTAUTH_URL: "https://portal.district.org" }))).toBe("https://portal.district.org");
    expect(publicBaseUrl(env({ PORTAL_URL: "https://portal.district.org", NEXTAUTH_URL: "https://portal.district.org/" }))).toBe(
      "https://portal.district.org",
    );
  });

  it("outside demo mode must be set and https, except http://localhost and 127.0.0.1 for local trials", () => {
    expect(() => publicBaseUrl(env({}))).toThrow(PublicUrlError);
    expect(() => publicBaseUrl(env({}))).toThrow(/PORTAL_URL/);
    expect(() => publicBaseUrl(env({ PORTAL_URL: "http://portal.district.org" }))).toThrow(/https:\/\//);
    expect(() => publicBaseUrl(env({ NEXTAUTH_URL: "http://10.0.0.5:3000" }))).toThrow(/NEXTAUTH_URL/);
    expect(publicBaseUrl(env({ PORTAL_URL: "http://localhost:3000" }))).toBe("http://localhost:3000");
    expect(publicBaseUrl(env({ PORTAL_URL: "http://127.0.0.1:4100" }))).toBe("http://127.0.0.1:4100");
  });

  it("refuses values that are not a plain origin, and two different URLs", () => {
    expect(() => publicBaseUrl(env({ PORTAL_URL: "portal.district.org" }))).toThrow(/not a URL/);
    expect(() => publicBaseUrl(env({ PORTAL_URL: "https://portal.district.org/app" }))).toThrow(/origin only/);
    expect(() => publicBaseUrl(env({ PORTAL_URL: "https://user:pw@portal.district.org" }))).toThrow(/origin only/);
    expect(() => publicBaseUrl(env({ PORTAL_URL: "ftp://portal.district.org" }))).toThrow(/https:\/\//);
    expect(() => publicBaseUrl(env({ PORTAL_URL: "https://a.district.org", NEXTAUTH_URL: "https://b.district.org" }))).toThrow(/differ/);
  });

  it("in demo mode defaults to http://localhost:PORT", () => {
    expect(publicBaseUrl(env({ DEMO_MODE: "1" }))).toBe("http://localhost:3000");
    expect(publicBaseUrl(env({ DEMO_MODE: "1", PORT: "4000" }))).toBe("http://localhost:4000");
  });

  it("says whether cookies must be Secure", () => {
    expect(publicUrlIsHttps(env({ PORTAL_URL: "https://portal.district.org" }))).toBe(true);
    expect(publicUrlIsHttps(env({ PORTAL_URL: "http://localhost:3000" }))).toBe(false);
    expect(publicUrlIsHttps(env({}))).toBe(false);
  });
});

describe("start refusals", () => {
  it("refuses outside demo mode without SMTP_URL, naming the variable", () => {
    expect(() => assertStartConfig(env({ PORTAL_URL: "https://portal.district.org" }))).toThrow(StartRefusedError);
    expect(() => assertStartConfig(env({ PORTAL_URL: "https://portal.district.org" }))).toThrow(/SMTP_URL is not set/);
  });

  it("refuses outside demo mode without an https public URL", () => {
    expect(() => assertStartConfig(env({ ...smtp }))).toThrow(/PORTAL_URL is not set/);
    expect(() => assertStartConfig(env({ ...smtp, PORTAL_URL: "http://portal.district.org" }))).toThrow(/must start with https/);
  });

  it("refuses a malformed TRUSTED_PROXIES", () => {
    expect(() => assertStartConfig(env({ ...smtp, PORTAL_URL: "https://p.district.org", TRUSTED_PROXIES: "10.0.0.0/99" }))).toThrow(
      /TRUSTED_PROXIES/,
    );
  });

  it("starts a real deployment with SMTP_URL and an https URL, and demo mode with neither", () => {
    expect(assertStartConfig(env({ ...smtp, PORTAL_URL: "https://portal.district.org" }))).toEqual({
      demo: false,
      publicUrl: "https://portal.district.org",
    });
    expect(assertStartConfig(env({ DEMO_MODE: "1" }))).toEqual({ demo: true, publicUrl: "http://localhost:3000" });
  });
});
