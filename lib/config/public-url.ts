// The public base URL of the portal (PORTAL_URL, else NEXTAUTH_URL): the only source of the
// links in mail and of next-auth's URL, never the Host header of a request. Outside demo mode
// it must be https:// (http://localhost and http://127.0.0.1 are allowed for local trials);
// the server refuses to start otherwise (lib/config/assert-start-config.ts).
import { isDemoMode } from "@/lib/config/demo-mode";

export class PublicUrlError extends Error {}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function configuredValue(env: NodeJS.ProcessEnv): { name: string; value: string } | null {
  const portal = env.PORTAL_URL?.trim();
  const nextAuth = env.NEXTAUTH_URL?.trim();
  if (portal && nextAuth && portal.replace(/\/+$/, "") !== nextAuth.replace(/\/+$/, "")) {
    throw new PublicUrlError(
      `PORTAL_URL (${portal}) and NEXTAUTH_URL (${nextAuth}) differ: set one of them to the portal's public https:// address.`,
    );
  }
  if (portal) return { name: "PORTAL_URL", value: portal };
  if (nextAuth) return { name: "NEXTAUTH_URL", value: nextAuth };
  return null;
}

/** The validated public base URL, without a trailing slash. Throws PublicUrlError. */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = configuredValue(env);
  if (!configured) {
    if (isDemoMode(env)) return `http://localhost:${env.PORT || "3000"}`;
    throw new PublicUrlError(
      "PORTAL_URL is not set: outside demo mode the portal needs its public https:// address (e.g. PORTAL_URL=https://portal.district.org) for the links in mail and secure cookies.",
    );
  }
  let url: URL;
  try {
    url = new URL(configured.value);
  } catch {
    throw new PublicUrlError(`${configured.name} (${configured.value}) is not a URL: expected e.g. https://portal.district.org`);
  }
  const local = url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !local && !(url.protocol === "http:" && isDemoMode(env))) {
    throw new PublicUrlError(
      `${configured.name} (${configured.value}) must start with https:// (http:// is allowed only for localhost and 127.0.0.1, for local trials).`,
    );
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") {
    throw new PublicUrlError(`${configured.name} (${configured.value}) must be an origin only, e.g. https://portal.district.org`);
  }
  return url.origin;
}

/** Whether cookies must be Secure and HSTS sent; false while the URL is missing or invalid. */
export function publicUrlIsHttps(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    return publicBaseUrl(env).startsWith("https://");
  } catch {
    return false;
  }
}
