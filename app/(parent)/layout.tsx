// Root layout of the parent portal: the parent's language and text direction.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { directionOf } from "@/lib/i18n/locales";
import { localizedPortalName } from "@/lib/i18n/localized-portal-name";
import { getPageLocale } from "@/lib/i18n/page-locale";
import { LanguageSwitch } from "@/components/language-switch";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { ZodJitless } from "@/components/zod-jitless";
import "../globals.css";

// Every page depends on the session, the language cookie or the database: never prerender.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [locale, settings] = await Promise.all([getPageLocale(), getDistrictSettings()]);
  return { title: localizedPortalName(locale, settings.portalName) };
}

export default async function ParentRootLayout({ children }: { children: React.ReactNode }) {
  const [locale, messages, settings] = await Promise.all([getPageLocale(), getMessages(), getDistrictSettings()]);
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <body className="min-h-screen">
        <ZodJitless />
        <NextIntlClientProvider locale={locale} messages={messages}>
          <header className="border-b border-slate-200 bg-white">
            <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
              <div>
                <p className="text-xs uppercase tracking-wide text-slate-500">{settings.districtName}</p>
                <p className="text-lg font-semibold">{localizedPortalName(locale, settings.portalName)}</p>
              </div>
              <LanguageSwitch />
            </div>
          </header>
          <main className="mx-auto max-w-3xl px-4 py-8">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
