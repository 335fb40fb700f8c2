import { describe, expect, it } from "vitest";
import { clientAddressOf, normalizeAddress, parseTrustedProxies, TrustedProxiesError } from "@/lib/http/client-address";

const none = parseTrustedProxies(undefined);
const loopback = parseTrustedProxies("127.0.0.1/32");
const internal = parseTrustedProxies("10.0.0.0/8, 192.168.1.7, fd00::/8");

describe("client address", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf("203.0.113.9", "198.51.100.1", none)).toBe("203.0.113.9");
    expect(clientAddressOf("203.0.113.9", ["198.51.100.1", "198.51.100.2"], none)).toBe("203.0.113.9");
    expect(clientAddressOf("::ffff:203.0.113.9", "1.1.1.1", none)).toBe("203.0.113.9");
  });

  it("is the peer when the peer is not a trusted proxy, even if the header names one", () => {
    expect(clientAddressOf("203.0.113.9", "10.0.0.5", internal)).toBe("203.0.113.9");
  });

  it("behind trusted proxies is the right-most entry that is not a trusted proxy", () => {
    // The client forged "6.6.6.6"; the edge proxy appended the real peer 198.51.100.7.
    expect(clientAddressOf("127.0.0.1", "6.6.6.6, 198.51.100.7", loopback)).toBe("198.51.100.7");
    expect(clientAddressOf("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1, 192.168.1.7", internal)).toBe("198.51.100.7");
    expect(clientAddressOf("::ffff:10.0.0.2", ["6.6.6.6", "2001:db8::5"], internal)).toBe("2001:db8::5");
    expect(clientAddressOf("fd00::1", "198.51.100.7", internal)).toBe("198.51.100.7");
  });

  it("accepts entries with ports and brackets", () => {
    expect(clientAddressOf("127.0.0.1", "198.51.100.7:4711", loopback)).toBe("198.51.100.7");
    expect(clientAddressOf("127.0.0.1", "[2001:DB8::5]:443", loopback)).toBe("2001:db8::5");
  });

  it("falls back to the last trusted hop, never to client text, when the chain is not addresses", () => {
    expect(clientAddressOf("127.0.0.1", "not-an-ip", loopback)).toBe("127.0.0.1");
    expect(clientAddressOf("10.0.0.2", "198.51.100.7, garbage, 10.0.0.1", internal)).toBe("10.0.0.1");
  });

  it("is the left-most hop when every hop is trusted, and the peer without a header", () => {
    expect(clientAddressOf("10.0.0.2", "10.0.0.9, 10.0.0.1", internal)).toBe("10.0.0.9");
    expect(clientAddressOf("127.0.0.1", undefined, loopback)).toBe("127.0.0.1");
    expect(clientAddressOf(undefined, "1.2.3.4", none)).toBe("unknown");
  });

  it("normalizes IPv4-mapped IPv6 and rejects text that is not an address", () => {
    expect(normalizeAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress(" 192.0.2.1 ")).toBe("192.0.2.1");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(normalizeAddress("")).toBeNull();
  });
});

describe("TRUSTED_PROXIES", () => {
  it("takes CIDRs and single addresses, IPv4 and IPv6", () => {
    expect(internal.check("10.255.0.1", "ipv4")).toBe(true);
    expect(internal.check("11.0.0.1", "ipv4")).toBe(false);
    expect(internal.check("192.168.1.7", "ipv4")).toBe(true);
    expect(internal.check("192.168.1.8", "ipv4")).toBe(false);
    expect(internal.check("fd00::abcd", "ipv6")).toBe(true);
  });

  it("trusts nobody by default", () => {
    expect(parseTrustedProxies("").check("127.0.0.1", "ipv4")).toBe(false);
  });

  it.each(["10.0.0.0/33", "not-an-ip", "10.0.0.0/8/1", "10.0.0.0/x", "::1/129"])("refuses %s with a message naming the variable", (value) => {
    expect(() => parseTrustedProxies(value)).toThrow(TrustedProxiesError);
    expect(() => parseTrustedProxies(value)).toThrow(/TRUSTED_PROXIES/);
  });
});
