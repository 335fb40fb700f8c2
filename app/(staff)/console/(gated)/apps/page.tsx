// Connected apps (site admins): the district's apps that sign parents and students in through
// this portal (OpenID Connect), how many parents used each lately, and a form to register one.
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { oidcIssuer } from "@/lib/oidc/issuer";
import { listConnectedApps, SIGN_IN_WINDOW_DAYS } from "@/lib/oidc/list-connected-apps";
import { ConnectedAppForm } from "./_components/connected-app-form";

export const metadata: Metadata = { title: "Connected apps" };

export default async function ConnectedAppsPage() {
  await requireStaffPage("apps:manage");
  const apps = await listConnectedApps();
  const issuer = oidcIssuer();
  return (
    <div className="max-w-5xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold text-slate-900">Connected apps</h1>
        <p className="text-sm text-slate-600">
          Apps that sign parents and students in with their portal login (OpenID Connect). A staff reset signs the parent out of
          every one of them. Issuer: <code className="font-mono">{issuer}</code> · discovery:{" "}
          <code className="font-mono">{issuer}/.well-known/openid-configuration</code>
        </p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">Connected apps</caption>
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">App</th>
              <th scope="col" className="px-3 py-2 font-medium">Client ID</th>
              <th scope="col" className="px-3 py-2 font-medium">Type</th>
              <th scope="col" className="px-3 py-2 font-medium">Scopes</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Parents signed in, last {SIGN_IN_WINDOW_DAYS} days</th>
              <th scope="col" className="px-3 py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody>
            {apps.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-600">
                  No apps yet. Register one below.
                </td>
              </tr>
            ) : (
              apps.map((app) => (
                <tr key={app.id} className="border-t border-slate-100" data-testid="connected-app-row">
                  <td className="px-3 py-2">
                    <Link href={`/console/apps/${app.id}`} className="font-medium text-blue-800 underline-offset-2 hover:underline">
                      {app.name}
                    </Link>
                    {app.firstParty ? <span className="ms-2 text-xs text-slate-600">district&apos;s own</span> : null}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{app.clientId}</td>
                  <td className="px-3 py-2">{app.clientType === "public" ? "Public (PKCE)" : "Confidential"}</td>
                  <td className="px-3 py-2 text-xs">{app.scopes.join(" ")}</td>
                  <td className="px-3 py-2 text-right tabular-nums" data-testid="parents-30-days">
                    {app.parentsSignedInLast30Days.toLocaleString("en-US")}
                  </td>
                  <td className="px-3 py-2">{app.disabledAt ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Enabled</Badge>}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <section className="space-y-2">
        <h2 className="text-base font-semibold text-slate-900">Register an app</h2>
        <ConnectedAppForm />
      </section>
    </div>
  );
}
