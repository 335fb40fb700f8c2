// Forgot Username: the parent's email address, twice.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageCard } from "../_components/page-card";
import { BackLink } from "../_components/back-link";
import { ForgotUsernameForm } from "./forgot-username-form";

export default async function ForgotUsernamePage() {
  const t = await getTranslations("ForgotUsername");
  return (
    <PageCard title={t("title")}>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <ForgotUsernameForm />
      <div className="flex flex-wrap gap-x-6 gap-y-2 border-t border-slate-200 pt-4 text-sm">
        <BackLink href="/sign-in">{t("backToSignIn")}</BackLink>
        <Link href="/forgot-password" className="text-blue-700 underline">
          {t("forgotPassword")}
        </Link>
      </div>
    </PageCard>
  );
}
