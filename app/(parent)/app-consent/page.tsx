// The consent step of the district's OpenID Provider for apps that are not first-party: which
// app asks for what, in the visitor's language. The form posts to the provider's interaction
// (lib/oidc/interaction-routes.ts), which checks the interaction cookie and records the grant.
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { interactionUidParam, loadInteractionSummary } from "@/lib/oidc/interaction-summary";
import { PageCard } from "../_components/page-card";

const DESCRIBED_SCOPES = ["openid", "profile", "email", "students", "offline_access"] as const;

export default async function AppConsentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const uid = interactionUidParam((await searchParams).app);
  const app = uid ? await loadInteractionSummary(uid) : null;
  if (!uid || !app || app.prompt !== "consent") redirect("/app-sign-in-expired");
  const t = await getTranslations("AppSignIn");
  const scopes = DESCRIBED_SCOPES.filter((scope) => scope === "openid" || app.missingScopes.includes(scope));
  return (
    <PageCard title={t("consentTitle", { app: app.appName })}>
      <p className="text-slate-700">{t("consentIntro", { app: app.appName })}</p>
      <ul className="list-disc space-y-1 ps-6 text-slate-800">
        {scopes.map((scope) => (
          <li key={scope}>{t(`scope_${scope}`)}</li>
        ))}
      </ul>
      <form method="post" action={`/oidc/interaction/${uid}/consent`} className="flex flex-col gap-3 sm:flex-row">
        <button type="submit" name="decision" value="allow" className="flex-1 rounded-md bg-blue-700 px-4 py-2 font-medium text-white shadow-sm hover:bg-blue-800">
          {t("allow")}
        </button>
        <button type="submit" name="decision" value="deny" className="flex-1 rounded-md border border-blue-700 bg-white px-4 py-2 font-medium text-blue-700 hover:bg-blue-50">
          {t("deny")}
        </button>
      </form>
    </PageCard>
  );
}
