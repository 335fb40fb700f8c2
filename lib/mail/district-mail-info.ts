// The district values a mail mentions, read inside the caller's transaction so enqueueing
// never needs a second connection.
import { publicBaseUrl } from "@/lib/config/public-url";
import type { Tx } from "@/lib/db";
import type { DistrictMailInfo } from "@/lib/mail/email-template";
import { defaultDistrictSettings } from "@/lib/settings/district-settings";

export interface DistrictMailSettings extends DistrictMailInfo {
  senderAddress: string;
}

/** Absolute base URL of the parent portal, without a trailing slash: only the configured
 * public URL (lib/config/public-url.ts), never a request's Host header. */
export function portalBaseUrl(): string {
  return publicBaseUrl();
}

export async function loadDistrictMailSettings(db: Pick<Tx, "districtSettings">): Promise<DistrictMailSettings> {
  const saved = await db.districtSettings.findUnique({ where: { id: 1 } });
  const settings = saved ?? defaultDistrictSettings();
  return {
    districtName: settings.districtName,
    portalName: settings.portalName,
    supportPhone: settings.supportPhone,
    supportEmail: settings.supportEmail,
    senderAddress: settings.senderAddress,
    portalUrl: portalBaseUrl(),
  };
}

/** The domain of an address such as `no-reply@x.org` or `District <no-reply@x.org>`. */
export function domainOf(address: string): string {
  const match = /@([A-Za-z0-9.-]+)/.exec(address);
  return match?.[1]?.toLowerCase() ?? "localhost";
}
