// The provider's issuer: the portal's public URL (PORTAL_URL / NEXTAUTH_URL, never a request's
// Host header) + /oidc, the path the portal server mounts it at. Apps compare it exactly.
import { publicBaseUrl } from "@/lib/config/public-url";

export const OIDC_MOUNT_PATH = "/oidc";

export function oidcIssuer(env: NodeJS.ProcessEnv = process.env): string {
  return `${publicBaseUrl(env)}${OIDC_MOUNT_PATH}`;
}
