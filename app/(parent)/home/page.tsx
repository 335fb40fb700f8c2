// Parent home: greeting, the linked children and their student accounts, sign-out.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireParentPage } from "@/lib/auth/current-principal";
import { loadParentHome } from "@/lib/accounts/linked-children";
import { FormAlert } from "../_components/form-alert";
import { SignOutButton } from "../_components/sign-out-button";
import { ChildCard } from "./child-card";

export default async function ParentHomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parent = await requireParentPage();
  const [t, home, params] = await Promise.all([getTranslations("Home"), loadParentHome(parent.parentAccountId), searchParams]);
  if (!home) return null;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title", { name: home.firstName })}</h1>
        <div className="flex items-center gap-2">
          <Link href="/change-password" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100">
            {t("changePassword")}
          </Link>
          <SignOutButton label={t("signOut")} />
        </div>
      </div>
      {params.passwordSaved === "1" ? <FormAlert tone="success">{t("passwordSaved")}</FormAlert> : null}
      <section aria-labelledby="children-title" className="space-y-4">
        <h2 id="children-title" className="text-lg font-semibold">
          {t("childrenTitle")}
        </h2>
        <FormAlert tone="info">{home.wasReset ? t("studentAccountsResetNotice") : t("studentAccountsInfo")}</FormAlert>
        {home.children.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">{t("noChildren")}</p>
        ) : (
          <ul className="space-y-3">
            {home.children.map((child) => (
              <li key={child.studentId}>
                <ChildCard child={child} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
