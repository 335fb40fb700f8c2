// The client's address for audit rows and rate limits, as computed by the server `npm start`
// runs (lib/http/portal-server.ts) from the socket and TRUSTED_PROXIES and written into
// CLIENT_ADDRESS_HEADER on every request. A browser-sent X-Forwarded-For never decides it.
import { headers } from "next/headers";
import { CLIENT_ADDRESS_HEADER, isPortalServerProcess } from "@/lib/http/portal-server-marker";

export class ClientAddressUnavailableError extends Error {
  constructor() {
    super("The client address is unknown: this process was not started by lib/http/portal-server.ts (npm start).");
  }
}

export function clientIpFrom(getHeader: (name: string) => string | null | undefined): string {
  // Outside our server the header is whatever the client sent: refuse rather than believe it.
  if (!isPortalServerProcess()) throw new ClientAddressUnavailableError();
  return getHeader(CLIENT_ADDRESS_HEADER) || "unknown";
}

export async function currentClientIp(): Promise<string> {
  const list = await headers();
  return clientIpFrom((name) => list.get(name));
}
