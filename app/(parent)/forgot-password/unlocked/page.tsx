// Forgot Password: the parent kept their password and unlocked sign-in.
import { CheckCircle2 } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { PageCard } from "../../_components/page-card";
import { LinkButton } from "../../_components/link-button";

export default async function AccountUnlockedPage() {
  const t = await getTranslations("ForgotPassword");
  return (
    <PageCard title={t("unlockDoneTitle")}>
      <p className="flex items-start gap-2 text-sm text-slate-700">
        <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-green-700" />
        {t("unlockDone")}
      </p>
      <LinkButton href="/sign-in">{t("signIn")}</LinkButton>
    </PageCard>
  );
}
