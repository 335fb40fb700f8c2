"use client";
// The visible language switch of the parent portal; the choice persists in a cookie.
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Languages } from "lucide-react";
import { LOCALES, LOCALE_NAMES } from "@/lib/i18n/locales";
import { setLocaleAction } from "@/app/(parent)/language-actions";

export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations("Common");
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function onChange(next: string) {
    startTransition(async () => {
      await setLocaleAction(next);
      router.refresh();
    });
  }

  return (
    <label className="flex items-center gap-2 text-sm">
      <Languages aria-hidden className="size-4 text-slate-500" />
      <span className="sr-only">{t("language")}</span>
      <select
        aria-label={t("language")}
        className="rounded border border-slate-300 bg-white px-2 py-1"
        value={locale}
        disabled={pending}
        onChange={(event) => onChange(event.target.value)}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
