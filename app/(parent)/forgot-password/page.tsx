// Forgot Password, step 1: the parent's username.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageCard } from "../_components/page-card";
import { RequestCodeForm } from "./_components/request-code-form";

export default async function ForgotPasswordPage() {
  const t = await getTranslations("ForgotPassword");
  return (
    <PageCard title={t("title")}>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <RequestCodeForm />
      <div className="space-y-2 border-t border-slate-200 pt-4 text-sm">
        <p className="text-slate-600">
          {t("noEmail")}{" "}
          <Link href="/create-account" className="text-blue-700 underline">
            {t("createAccount")}
          </Link>
        </p>
        <p>
          <Link href="/forgot-username" className="text-blue-700 underline">
            {t("forgotUsername")}
          </Link>
        </p>
      </div>
    </PageCard>
  );
}
