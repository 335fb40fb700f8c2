// The client's address for audit rows and rate limits. Next's server sets
// x-forwarded-for to the socket address; behind a proxy the left-most entry is the client.
import { headers } from "next/headers";

export function clientIpFrom(getHeader: (name: string) => string | null | undefined): string {
  const forwarded = getHeader("x-forwarded-for");
  const first = forwarded?.split(",")[0]?.trim();
  return first || getHeader("x-real-ip") || "unknown";
}

export async function currentClientIp(): Promise<string> {
  const list = await headers();
  return clientIpFrom((name) => list.get(name));
}
