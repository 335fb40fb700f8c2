import { describe, expect, it } from "vitest";
import { directionOf, negotiateLocale, resolveLocale } from "@/lib/i18n/locales";

describe("negotiateLocale (Accept-Language)", () => {
  it("picks the best supported language by q-value", () => {
    expect(negotiateLocale("es-MX,es;q=0.9,en;q=0.8")).toBe("es");
    expect(negotiateLocale("fr-FR,fr;q=0.9,vi;q=0.8,en;q=0.5")).toBe("vi");
    expect(negotiateLocale("en;q=0.3, ar-EG;q=0.9")).toBe("ar");
  });

  it("falls back to English for nothing usable", () => {
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale("de-DE,fr;q=0.8")).toBe("en");
    expect(negotiateLocale("ar;q=0, de")).toBe("en");
    expect(negotiateLocale(";;;,q=abc")).toBe("en");
  });

  it("prefers the cookie over the browser, ignoring invalid cookies", () => {
    expect(resolveLocale("vi", "es")).toBe("vi");
    expect(resolveLocale("xx", "es")).toBe("es");
    expect(resolveLocale(undefined, "ar-SA")).toBe("ar");
  });

  it("makes Arabic right-to-left only", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(["en", "es", "vi"].map((l) => directionOf(l as "en"))).toEqual(["ltr", "ltr", "ltr"]);
  });
});
