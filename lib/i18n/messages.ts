// Message catalogs, loaded per locale (also used outside React, e.g. for emails).
import type { AppLocale } from "@/lib/i18n/locales";
import type en from "@/messages/en.json";

export type Messages = typeof en;

const loaders: Record<AppLocale, () => Promise<{ default: Messages }>> = {
  en: () => import("@/messages/en.json"),
  es: () => import("@/messages/es.json"),
  vi: () => import("@/messages/vi.json"),
  ar: () => import("@/messages/ar.json"),
};

export async function loadMessages(locale: AppLocale): Promise<Messages> {
  return (await loaders[locale]()).default;
}
