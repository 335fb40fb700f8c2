// Student sign-in (issue 12, item 4): the login step of the district's OpenID Provider for the
// student logins parents make. Only reachable from an app's sign-in (?app=<interaction uid>);
// the form posts to the provider's interaction (lib/oidc/interaction-routes.ts), which checks
// the password with its own limits and comes back here with ?error= on a refusal.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { interactionUidParam, loadInteractionSummary } from "@/lib/oidc/interaction-summary";
import { PageCard } from "../_components/page-card";
import { FormAlert } from "../_components/form-alert";
import { TextField } from "../_components/text-field";

export default async function StudentSignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations("AppSignIn");
  const uid = interactionUidParam(params.app);
  if (!uid) {
    return (
      <PageCard title={t("studentTitle")}>
        <p className="text-slate-700">{t("studentOnlyFromApp")}</p>
      </PageCard>
    );
  }
  const app = await loadInteractionSummary(uid);
  if (!app) redirect("/app-sign-in-expired");
  const error = params.error === "rate_limited" ? t("rateLimited") : params.error === "invalid" ? t("invalid") : null;
  return (
    <PageCard title={t("studentTitle")}>
      <p className="rounded-md bg-blue-50 p-3 font-medium text-blue-900">{t("continueTo", { app: app.appName })}</p>
      <p className="text-slate-700">{t("studentIntro")}</p>
      <form method="post" action={`/oidc/interaction/${uid}/student-login`} className="space-y-4">
        {error ? <FormAlert tone="error">{error}</FormAlert> : null}
        <TextField id="username" label={t("username")} autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={64} ltr required />
        <TextField id="password" type="password" label={t("password")} autoComplete="current-password" maxLength={256} ltr required />
        <button type="submit" className="inline-flex w-full items-center justify-center rounded-md bg-blue-700 px-4 py-2 font-medium text-white shadow-sm hover:bg-blue-800">
          {t("submit")}
        </button>
      </form>
      <p className="border-t border-slate-200 pt-4 text-sm">
        <Link href={`/sign-in?app=${uid}`} className="text-blue-700 underline underline-offset-2">
          {t("parentLink")}
        </Link>
      </p>
    </PageCard>
  );
}
