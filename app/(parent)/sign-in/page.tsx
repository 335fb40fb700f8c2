// Parent sign-in: username + password; links to create an account and to recover one.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getParentPrincipal } from "@/lib/auth/current-principal";
import { PageCard } from "../_components/page-card";
import { ParentSignInForm } from "./parent-sign-in-form";

export default async function ParentSignInPage() {
  const parent = await getParentPrincipal();
  if (parent) redirect(parent.mustChangePassword ? "/change-password" : "/home");
  const t = await getTranslations("SignIn");
  return (
    <PageCard title={t("title")}>
      <p className="text-slate-700">{t("intro")}</p>
      <ParentSignInForm />
      <nav aria-label={t("title")} className="space-y-3 border-t border-slate-200 pt-4 text-sm">
        <p>
          <Link href="/forgot-username" className="text-blue-700 underline underline-offset-2">
            {t("forgotUsername")}
          </Link>
        </p>
        <p>
          <Link href="/forgot-password" className="text-blue-700 underline underline-offset-2">
            {t("forgotPassword")}
          </Link>
        </p>
        <p className="pt-2 text-slate-700">
          {t("newHere")}{" "}
          <Link href="/create-account" className="font-medium text-blue-700 underline underline-offset-2">
            {t("createAccount")}
          </Link>
        </p>
      </nav>
    </PageCard>
  );
}
