// Forgot Password: success, the parent can sign in with the new password.
import { CheckCircle2 } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { PageCard } from "../../_components/page-card";
import { LinkButton } from "../../_components/link-button";

export default async function PasswordResetDonePage() {
  const t = await getTranslations("ForgotPassword");
  return (
    <PageCard title={t("doneTitle")}>
      <p className="flex items-start gap-2 text-sm text-slate-700">
        <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-green-700" />
        {t("done")}
      </p>
      <LinkButton href="/sign-in">{t("signIn")}</LinkButton>
    </PageCard>
  );
}
