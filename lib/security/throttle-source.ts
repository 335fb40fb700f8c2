// The source a per-address limit counts: an IPv4 address as it is, an IPv6 address as its /64.
// One subscriber (a home, a phone, a cloud VM) usually holds a whole /64, so counting single
// IPv6 addresses would let one attacker use a fresh "address" for every try.
import { isIPv6 } from "node:net";

export function throttleSource(ip: string): string {
  const address = ip.split("%")[0]!; // a zone id (fe80::1%eth0) says nothing about the sender
  if (!isIPv6(address)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const [head = "", tail = ""] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = address.includes("::") ? (tail ? tail.split(":") : []) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(missing, 0)).fill("0"), ...tailGroups];
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(":")}::/64`;
}
