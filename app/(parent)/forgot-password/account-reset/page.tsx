// Forgot Password after a valid code for a login that staff reset: it must be created again.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RecoveryCard } from "../_components/recovery-card";

export default async function AccountResetPage() {
  const t = await getTranslations("ForgotPassword");
  return (
    <RecoveryCard title={t("accountResetTitle")}>
      <p className="text-sm text-slate-700">{t("accountReset")}</p>
      <Link
        href="/create-account"
        className="inline-flex h-10 items-center rounded-md bg-blue-700 px-4 text-sm font-medium text-white hover:bg-blue-800"
      >
        {t("createAccount")}
      </Link>
    </RecoveryCard>
  );
}
