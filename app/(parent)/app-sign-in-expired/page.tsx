// Where an app sign-in ends when its provider interaction expired (30 minutes) or belongs to
// another browser: the provider cannot send the visitor back to the app, so say how to restart.
import { getTranslations } from "next-intl/server";
import { PageCard } from "../_components/page-card";

export default async function AppSignInExpiredPage() {
  const t = await getTranslations("AppSignIn");
  return (
    <PageCard title={t("expiredTitle")}>
      <p className="text-slate-700">{t("expiredBody")}</p>
    </PageCard>
  );
}
