// Forgot Password, step 2: "Enter the security code". Reached with the flow cookie that step 1
// issues for every username, so this page looks the same whether or not the account exists.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { readRecoveryCookie } from "../recovery-cookie";
import { PageCard } from "../../_components/page-card";
import { VerifyCodeForm } from "../_components/verify-code-form";

export default async function SecurityCodePage() {
  const state = await readRecoveryCookie();
  if (state?.s !== "code") redirect("/forgot-password");
  const t = await getTranslations("ForgotPassword");
  return (
    <PageCard title={t("codeTitle")}>
      <p className="text-sm text-slate-700">{t("codeIntro")}</p>
      <p className="text-sm text-slate-600">{t("spamHint")}</p>
      <VerifyCodeForm />
      <p className="border-t border-slate-200 pt-4 text-sm">
        <Link href="/forgot-password" className="text-blue-700 underline">
          {t("requestNewCode")}
        </Link>
      </p>
    </PageCard>
  );
}
