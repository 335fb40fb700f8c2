// Forgot Password after a valid code for a login that staff reset: it must be created again.
import { getTranslations } from "next-intl/server";
import { PageCard } from "../../_components/page-card";
import { LinkButton } from "../../_components/link-button";

export default async function AccountResetPage() {
  const t = await getTranslations("ForgotPassword");
  return (
    <PageCard title={t("accountResetTitle")}>
      <p className="text-sm text-slate-700">{t("accountReset")}</p>
      <LinkButton href="/create-account">{t("createAccount")}</LinkButton>
    </PageCard>
  );
}
