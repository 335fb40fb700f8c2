// Where a back-channel logout may be POSTed. App hosts are registered by site admins, yet a
// URI that resolves to a private, loopback or link-local address would let the server probe
// the district's own network (oidc-provider refuses those for the same reason). Such hosts
// are allowed only when the district lists them in OIDC_PRIVATE_APP_HOSTS (an app on the
// internal network), and in demo mode the portal's own host (the demo app it serves).
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { isDemoMode } from "@/lib/config/demo-mode";
import { publicBaseUrl } from "@/lib/config/public-url";

const PRIVATE_RANGES: [string, number, "ipv4" | "ipv6"][] = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  ["::", 128, "ipv6"],
  ["::1", 128, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
];

const privateAddresses = new BlockList();
for (const [address, prefix, family] of PRIVATE_RANGES) privateAddresses.addSubnet(address, prefix, family);

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return privateAddresses.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 0) return true; // not an address: never trusted
  return privateAddresses.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** Host names (lowercase, without port) allowed to resolve to private addresses. */
export function allowedPrivateHosts(env: NodeJS.ProcessEnv = process.env): Set<string> {
  const hosts = new Set(
    (env.OIDC_PRIVATE_APP_HOSTS ?? "")
      .split(",")
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  );
  if (isDemoMode(env)) hosts.add(new URL(publicBaseUrl(env)).hostname.toLowerCase());
  return hosts;
}

export class RefusedTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedTargetError";
  }
}

/**
 * Throws RefusedTargetError when `uri` may not receive a logout token (a final refusal, not
 * worth retrying); a failed DNS lookup is thrown as is (worth retrying).
 */
export async function assertDeliverableTarget(uri: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const url = new URL(uri);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RefusedTargetError(`unsupported scheme ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (allowedPrivateHosts(env).has(host)) return;
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true, verbatim: true });
  const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
  if (blocked) {
    throw new RefusedTargetError(`${host} resolves to a private address (${blocked.address}); list the host in OIDC_PRIVATE_APP_HOSTS to allow it`);
  }
}
