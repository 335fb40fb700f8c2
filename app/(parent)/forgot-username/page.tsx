// Forgot Username: the parent's email address, twice.
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { RecoveryCard } from "../forgot-password/_components/recovery-card";
import { ForgotUsernameForm } from "./forgot-username-form";

export default async function ForgotUsernamePage() {
  const t = await getTranslations("ForgotUsername");
  return (
    <RecoveryCard title={t("title")}>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <ForgotUsernameForm />
      <div className="flex flex-wrap gap-x-6 gap-y-2 border-t border-slate-200 pt-4 text-sm">
        <Link href="/sign-in" className="inline-flex items-center gap-1 text-blue-700 underline">
          <ArrowLeft aria-hidden className="size-4 rtl:-scale-x-100" />
          {t("backToSignIn")}
        </Link>
        <Link href="/forgot-password" className="text-blue-700 underline">
          {t("forgotPassword")}
        </Link>
      </div>
    </RecoveryCard>
  );
}
