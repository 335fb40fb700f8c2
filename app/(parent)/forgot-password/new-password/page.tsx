// Forgot Password, step 3: choose the new password (only with a verified code). A parent
// whose sign-in is locked or throttled may instead keep the current password and unlock.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { readRecoveryCookie } from "../recovery-cookie";
import { PageCard } from "../../_components/page-card";
import { NewPasswordForm } from "../_components/new-password-form";
import { UnlockAccountForm } from "../_components/unlock-account-form";
import { isParentSignInBlocked } from "@/lib/accounts/recovery/parent-sign-in-block";

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
  const [settings, blocked] = await Promise.all([getDistrictSettings(), isParentSignInBlocked(state.a)]);
  // First-strong isolates keep a Latin username readable inside Arabic text.
  const username = `\u2068${state.u}\u2069`;
  const passwordForm = <NewPasswordForm rules={t("passwordRules", { min: settings.parentPasswordMinLength })} />;
  if (!blocked) {
    return (
      <PageCard title={t("newPasswordTitle")}>
        <p className="text-sm text-slate-700">{t("newPasswordIntro", { username })}</p>
        {passwordForm}
      </PageCard>
    );
  }
  return (
    <PageCard title={t("lockedTitle")}>
      <p className="text-sm text-slate-700">{t("lockedIntro", { username })}</p>
      <section aria-labelledby="unlock-heading" className="space-y-3">
        <h2 id="unlock-heading" className="text-lg font-semibold text-slate-900">
          {t("unlockHeading")}
        </h2>
        <p className="text-sm text-slate-700">{t("unlockExplained")}</p>
        <UnlockAccountForm />
      </section>
      <section aria-labelledby="new-password-heading" className="space-y-3 border-t border-slate-200 pt-4">
        <h2 id="new-password-heading" className="text-lg font-semibold text-slate-900">
          {t("chooseNewPasswordHeading")}
        </h2>
        {passwordForm}
      </section>
    </PageCard>
  );
}
