// Forgot Password, step 3: choose the new password (only with a verified code).
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { readRecoveryCookie } from "../recovery-cookie";
import { PageCard } from "../../_components/page-card";
import { NewPasswordForm } from "../_components/new-password-form";

export default async function NewPasswordPage() {
  const [state, t] = await Promise.all([readRecoveryCookie(), getTranslations("ForgotPassword")]);
  if (state?.s !== "verified") {
    return (
      <PageCard title={t("newPasswordTitle")}>
        <p role="alert" className="text-sm text-slate-700">
          {t("grantExpired")}
        </p>
        <Link href="/forgot-password" className="text-sm text-blue-700 underline">
          {t("startAgain")}
        </Link>
      </PageCard>
    );
  }
  const settings = await getDistrictSettings();
  return (
    <PageCard title={t("newPasswordTitle")}>
      <p className="text-sm text-slate-700">
        {/* First-strong isolates keep a Latin username readable inside Arabic text. */}
        {t("newPasswordIntro", { username: `\u2068${state.u}\u2069` })}
      </p>
      <NewPasswordForm rules={t("passwordRules", { min: settings.parentPasswordMinLength })} />
    </PageCard>
  );
}
