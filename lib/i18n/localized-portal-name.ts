// The portal's name as the parent reads it, in pages and in mail alike. The district setting
// "Portal name" starts as the English "Parent Portal": while it is that (or empty), each
// language gets the name its own catalog gives (Common.portalName, e.g. "Portal para Padres").
// A district that named its portal itself ("ParentVUE") has a brand name, shown as it is.
import type { AppLocale } from "@/lib/i18n/locales";
import ar from "@/messages/ar/Common.json";
import en from "@/messages/en/Common.json";
import es from "@/messages/es/Common.json";
import vi from "@/messages/vi/Common.json";

const TRANSLATED: Record<AppLocale, string> = { en: en.portalName, es: es.portalName, vi: vi.portalName, ar: ar.portalName };

export function localizedPortalName(locale: AppLocale, configured: string): string {
  const name = configured.trim();
  if (name === "" || name.toLowerCase() === en.portalName.toLowerCase()) return TRANSLATED[locale];
  return name;
}
