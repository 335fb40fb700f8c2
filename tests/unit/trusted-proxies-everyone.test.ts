// TRUSTED_PROXIES of "0.0.0.0/0" or "::/0" would make every peer a trusted proxy, and
// X-Forwarded-For would decide the client address again: refused at start (found by an
// attacker's review).
import { describe, expect, it } from "vitest";
import { clientAddressOf, parseTrustedProxies } from "@/lib/http/client-address";
import { assertStartConfig } from "@/lib/config/assert-start-config";

const START_ENV = { DEMO_MODE: "", SMTP_URL: "smtp://mail.example.org:587", PORTAL_URL: "https://portal.example.org" };

describe("TRUSTED_PROXIES that trust everyone", () => {
  it("control: with a proxy-sized range the client cannot choose its address", () => {
    expect(clientAddressOf("203.0.113.9", "6.6.6.6", parseTrustedProxies("10.0.0.0/8"))).toBe("203.0.113.9");
  });

  it.each(["0.0.0.0/0", "::/0"])("%s is refused at start", (value) => {
    expect(() => assertStartConfig({ ...START_ENV, TRUSTED_PROXIES: value } as unknown as NodeJS.ProcessEnv)).toThrow(/TRUSTED_PROXIES/);
  });

  it("with 0.0.0.0/0 a direct client still cannot choose its address", () => {
    let address: string;
    try {
      address = clientAddressOf("203.0.113.9", "6.6.6.6", parseTrustedProxies("0.0.0.0/0"));
    } catch {
      return; // refused: fine
    }
    expect(address).toBe("203.0.113.9");
  });
});
