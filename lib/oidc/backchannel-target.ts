// Where a back-channel logout may be POSTed. App hosts are registered by site admins, yet a
// URI that resolves to a private, loopback or link-local address would let the server probe
// the district's own network (oidc-provider refuses those for the same reason). Such hosts
// are allowed only when the district lists them in OIDC_PRIVATE_APP_HOSTS (an app on the
// internal network), and in demo mode the portal's own host (the demo app it serves).
// The check is made twice: before signing a token (assertDeliverableTarget: a final refusal is
// not retried), and again as the connection's own DNS lookup (checkedLookup), so the address
// connected to is the address checked: a name that answers a public address first and a
// private one a moment later (DNS rebinding) reaches nothing.
import type { LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { isDemoMode } from "@/lib/config/demo-mode";
import { publicBaseUrl } from "@/lib/config/public-url";

const PRIVATE_RANGES: [string, number, "ipv4" | "ipv6"][] = [
  ["0.0.0.0", 8, "ipv4"],
  ["10.0.0.0", 8, "ipv4"],
  ["100.64.0.0", 10, "ipv4"],
  ["127.0.0.0", 8, "ipv4"],
  ["169.254.0.0", 16, "ipv4"],
  ["172.16.0.0", 12, "ipv4"],
  ["192.0.0.0", 24, "ipv4"],
  ["192.168.0.0", 16, "ipv4"],
  // Benchmarking networks, often routed inside data centres.
  ["198.18.0.0", 15, "ipv4"],
  ["224.0.0.0", 4, "ipv4"],
  ["240.0.0.0", 4, "ipv4"],
  // IPv4-compatible (::a.b.c.d), with :: and ::1 in it.
  ["::", 96, "ipv6"],
  // NAT64 and 6to4 carry an IPv4 address inside (64:ff9b::10.0.0.1 reaches 10.0.0.1).
  ["64:ff9b::", 96, "ipv6"],
  ["64:ff9b:1::", 48, "ipv6"],
  ["2002::", 16, "ipv6"],
  ["fc00::", 7, "ipv6"],
  ["fe80::", 10, "ipv6"],
  ["ff00::", 8, "ipv6"],
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

/** Name resolution (all addresses); injectable so tests can play a rebinding name server. */
export type ResolveHost = (host: string) => Promise<LookupAddress[]>;
const systemResolve: ResolveHost = (host) => lookup(host, { all: true, verbatim: true });

/** Every address of `host`, or RefusedTargetError when any is private and the host is not allowed. */
async function deliverableAddresses(host: string, env: NodeJS.ProcessEnv, resolve: ResolveHost): Promise<LookupAddress[]> {
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  if (allowedPrivateHosts(env).has(host)) return addresses;
  const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
  if (blocked) {
    throw new RefusedTargetError(`${host} resolves to a private address (${blocked.address}); list the host in OIDC_PRIVATE_APP_HOSTS to allow it`);
  }
  return addresses;
}

/**
 * Throws RefusedTargetError when `uri` may not receive a logout token (a final refusal, not
 * worth retrying); a failed DNS lookup is thrown as is (worth retrying).
 */
export async function assertDeliverableTarget(uri: string, env: NodeJS.ProcessEnv = process.env, resolve: ResolveHost = systemResolve): Promise<void> {
  const url = new URL(uri);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RefusedTargetError(`unsupported scheme ${url.protocol}`);
  await deliverableAddresses(url.hostname.replace(/^\[|\]$/g, "").toLowerCase(), env, resolve);
}

/**
 * A `lookup` for node:http(s) requests (net.connect's option): resolves the name at connect
 * time and hands the socket only addresses that pass the same check. An IP literal never
 * reaches it (net connects to it directly), which assertDeliverableTarget already checked.
 */
export function checkedLookup(env: NodeJS.ProcessEnv = process.env, resolve: ResolveHost = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    deliverableAddresses(hostname.toLowerCase(), env, resolve).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((entry) => entry.family === options.family) : addresses;
        if (wanted.length === 0) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 0);
          return;
        }
        if (options.all) (callback as unknown as (error: null, all: LookupAddress[]) => void)(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
