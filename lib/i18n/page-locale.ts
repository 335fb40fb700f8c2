// The language of the page a parent is using (cookie choice, else the browser's), for mail
// their own action triggers: it reads first in that language (see lib/mail/compose-email.ts).
import { getLocale } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, type AppLocale } from "@/lib/i18n/locales";

export async function getPageLocale(): Promise<AppLocale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}
