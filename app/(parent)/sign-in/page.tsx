// Parent sign-in: username + password; links to create an account and to recover one. With
// ?app=<interaction uid> it is also the login step of the district's OpenID Provider: it names
// the app, links to the student sign-in, and after signing in goes on to the provider
// (/oidc/interaction/<uid>), which continues with this portal session.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getParentPrincipal } from "@/lib/auth/current-principal";
import { PageCard } from "../_components/page-card";
import { interactionUidParam, loadInteractionSummary } from "@/lib/oidc/interaction-summary";
import { ParentSignInForm } from "./parent-sign-in-form";

export default async function ParentSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const uid = interactionUidParam((await searchParams).app);
  const app = uid ? await loadInteractionSummary(uid) : null;
  if (uid && !app) redirect("/app-sign-in-expired");
  const parent = await getParentPrincipal();
  // For an app the form shows even when signed in: the app asked for a fresh sign-in.
  if (parent && !app) redirect(parent.mustChangePassword ? "/change-password" : "/home");
  const [t, tApp] = await Promise.all([getTranslations("SignIn"), getTranslations("AppSignIn")]);
  return (
    <PageCard title={t("title")}>
      {app ? <p className="rounded-md bg-blue-50 p-3 font-medium text-blue-900">{tApp("continueTo", { app: app.appName })}</p> : null}
      <p className="text-slate-700">{t("intro")}</p>
      <ParentSignInForm app={app?.uid} />
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
        {app ? (
          <p>
            <Link href={`/student-sign-in?app=${app.uid}`} className="text-blue-700 underline underline-offset-2">
              {tApp("studentLink")}
            </Link>
          </p>
        ) : null}
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
