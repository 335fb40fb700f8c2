// Leaves the recovery flow for the sign-in page.
import Link from "next/link";
import { useTranslations } from "next-intl";

export function CancelLink() {
  const t = useTranslations("ForgotPassword");
  return (
    <Link href="/sign-in" className="text-sm text-slate-700 underline">
      {t("cancel")}
    </Link>
  );
}
