// "Choose your password" after signing in with a temporary password (nothing else of the
// portal opens until this is done), and "Change password" for an active account.
import { getTranslations } from "next-intl/server";
import { requireParentPage } from "@/lib/auth/current-principal";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { PASSWORD_MAX_LENGTH } from "@/lib/accounts/password-policy";
import { PageCard } from "../_components/page-card";
import { BackLink } from "../_components/back-link";
import { SignOutButton } from "../_components/sign-out-button";
import { interactionUidParam } from "@/lib/oidc/interaction-summary";
import { ChangePasswordForm } from "./change-password-form";

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // ?app=<uid>: an app's sign-in (lib/oidc/interaction-routes.ts) goes on once the password is chosen.
  const app = interactionUidParam((await searchParams).app) ?? undefined;
  const parent = await requireParentPage({ allowPendingPasswordChange: true });
  const [t, settings] = await Promise.all([getTranslations("ChangePassword"), getDistrictSettings()]);
  const firstSignIn = parent.mustChangePassword;
  const username = `\u2066${parent.username}\u2069`;
  return (
    <PageCard title={firstSignIn ? t("title") : t("titleChange")}>
      <p className="text-slate-700">{firstSignIn ? t("introFirst", { username }) : t("introChange", { username })}</p>
      <p className="text-sm text-slate-600">{t("rules", { min: settings.parentPasswordMinLength, max: PASSWORD_MAX_LENGTH })}</p>
      <ChangePasswordForm askCurrentPassword={!firstSignIn} username={parent.username} app={app} />
      <div className="flex items-center justify-between gap-4 border-t border-slate-200 pt-4 text-sm">
        {firstSignIn ? <span /> : <BackLink href="/home">{t("backToHome")}</BackLink>}
        <SignOutButton label={t("signOut")} />
      </div>
    </PageCard>
  );
}
