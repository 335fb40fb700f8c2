// The client's address as the server that `npm start` runs computes it, before Next.js sees
// the request: the socket's peer, unless that peer is a trusted proxy (TRUSTED_PROXIES), in
// which case the right-most X-Forwarded-For entry that is not a trusted proxy. Entries left
// of that one were written by the client and never decide anything.
import { BlockList, isIP } from "node:net";

export class TrustedProxiesError extends Error {}

/** Parses TRUSTED_PROXIES ("10.0.0.0/8, 192.168.1.7, fd00::/8"); empty means no proxy is trusted. */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? "").split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address = "", prefixText, extra] = entry.split("/");
    const family = isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
    if (family === 0 || extra !== undefined || !/^\d{1,3}$/.test(prefixText ?? String(maxPrefix)) || prefix > maxPrefix) {
      throw new TrustedProxiesError(
        `TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (expected e.g. "10.0.0.0/8,192.168.1.7,fd00::/8").`,
      );
    }
    // A /0 would make every peer a proxy, and X-Forwarded-For would decide the address again.
    if (prefix === 0) {
      throw new TrustedProxiesError(`TRUSTED_PROXIES: "${entry}" trusts every address; list only your reverse proxies' addresses.`);
    }
    list.addSubnet(address, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  return list;
}

/** A bare IP address from a socket or X-Forwarded-For entry, or null when it is not one. */
export function normalizeAddress(raw: string | undefined): string | null {
  let value = raw?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  // IPv4-mapped IPv6 (a dual-stack socket's view of an IPv4 peer) is that IPv4 address.
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1]!;
  return isIP(value) === 0 ? null : value.toLowerCase();
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
}

/** Whether the socket's peer is one of the trusted reverse proxies. */
export function peerIsTrustedProxy(peer: string | undefined, trusted: BlockList): boolean {
  const address = normalizeAddress(peer);
  return address !== null && isTrusted(address, trusted);
}

export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList,
): string {
  const peerAddress = normalizeAddress(peer);
  if (!peerAddress) return "unknown";
  if (!isTrusted(peerAddress, trusted)) return peerAddress;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Walk from the right: each entry was appended by the hop to its right, trusted so far.
  let lastHop = peerAddress;
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const address = normalizeAddress(entries[index]);
    // A trusted proxy wrote garbage: the last hop we can vouch for is the best we know.
    if (!address) return lastHop;
    if (!isTrusted(address, trusted)) return address;
    lastHop = address;
  }
  // Every hop is a trusted proxy: the request came from inside (e.g. a health check).
  return lastHop;
}
