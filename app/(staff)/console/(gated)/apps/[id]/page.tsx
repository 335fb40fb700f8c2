// One connected app (site admins): its settings to edit, secret rotation, disable/enable.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { requireStaffPage } from "@/lib/auth/current-principal";
import { appIdSchema } from "@/lib/oidc/connected-app-schema";
import { getConnectedApp, SIGN_IN_WINDOW_DAYS } from "@/lib/oidc/list-connected-apps";
import { AppSecurityActions } from "../_components/app-security-actions";
import { ConnectedAppForm } from "../_components/connected-app-form";

export const metadata: Metadata = { title: "Connected app" };

const utc = (date: Date | null) => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : "never");

export default async function ConnectedAppPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaffPage("apps:manage");
  const parsed = appIdSchema.safeParse(Number((await params).id));
  if (!parsed.success) notFound();
  const app = await getConnectedApp(parsed.data);
  if (!app) notFound();
  return (
    <div className="max-w-4xl space-y-6">
      <p className="text-sm">
        <Link href="/console/apps" className="text-blue-800 underline-offset-2 hover:underline">
          ← Connected apps
        </Link>
      </p>
      <div className="space-y-1">
        <h1 className="flex items-center gap-2 text-xl font-semibold text-slate-900">
          {app.name} {app.disabledAt ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Enabled</Badge>}
        </h1>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm text-slate-700">
          <dt>Client ID</dt>
          <dd className="font-mono">{app.clientId}</dd>
          <dt>Client type</dt>
          <dd>{app.clientType === "public" ? "Public (PKCE only, no secret)" : `Confidential; secret last made ${utc(app.secretRotatedAt)}`}</dd>
          <dt>Parents signed in, last {SIGN_IN_WINDOW_DAYS} days</dt>
          <dd className="tabular-nums">{app.parentsSignedInLast30Days.toLocaleString("en-US")}</dd>
          <dt>Registered</dt>
          <dd>{utc(app.createdAt)}</dd>
        </dl>
      </div>
      <AppSecurityActions appId={app.id} confidential={app.clientType === "confidential"} disabled={app.disabledAt !== null} />
      <section className="space-y-2">
        <h2 className="text-base font-semibold text-slate-900">Settings</h2>
        <ConnectedAppForm
          appId={app.id}
          initial={{
            name: app.name,
            redirectUris: app.redirectUris,
            postLogoutRedirectUris: app.postLogoutRedirectUris,
            backchannelLogoutUri: app.backchannelLogoutUri,
            firstParty: app.firstParty,
            scopes: app.scopes,
            identifierClaim: app.identifierClaim,
          }}
        />
      </section>
    </div>
  );
}
