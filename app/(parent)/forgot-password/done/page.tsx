// Forgot Password: success, the parent can sign in with the new password.
import Link from "next/link";
import { CheckCircle2 } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { RecoveryCard } from "../_components/recovery-card";

export default async function PasswordResetDonePage() {
  const t = await getTranslations("ForgotPassword");
  return (
    <RecoveryCard title={t("doneTitle")}>
      <p className="flex items-start gap-2 text-sm text-slate-700">
        <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-green-700" />
        {t("done")}
      </p>
      <Link href="/sign-in" className="inline-flex h-10 items-center rounded-md bg-blue-700 px-4 text-sm font-medium text-white hover:bg-blue-800">
        {t("signIn")}
      </Link>
    </RecoveryCard>
  );
}
