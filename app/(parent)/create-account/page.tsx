// Create a new account (also after a staff reset): identity check, then a temporary
// password by mail. A second form resends the temporary password.
import { getTranslations } from "next-intl/server";
import { PageCard } from "../_components/page-card";
import { BackLink } from "../_components/back-link";
import { CreateAccountForm } from "./create-account-form";
import { ResendTemporaryPasswordForm } from "./resend-temporary-password-form";

export default async function CreateAccountPage() {
  const t = await getTranslations("CreateAccount");
  return (
    <div className="space-y-8">
      <PageCard title={t("title")}>
        <p className="text-slate-700">{t("intro")}</p>
        <CreateAccountForm />
      </PageCard>
      <section aria-labelledby="resend-title" className="mx-auto max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="resend-title" className="text-lg font-semibold">
          {t("resendTitle")}
        </h2>
        <p className="text-sm text-slate-700">{t("resendIntro")}</p>
        <ResendTemporaryPasswordForm />
      </section>
      <p className="mx-auto max-w-xl text-sm">
        <BackLink href="/sign-in">{t("backToSignIn")}</BackLink>
      </p>
    </div>
  );
}
