// "Riverside Lunch Payments (demo)": what the app received from the portal's OpenID Provider
// (ID token claims, userinfo), or a button to sign in. Demo mode only.
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { isDemoMode } from "@/lib/config/demo-mode";
import { LUNCH_APP_NAME, LUNCH_BASE_PATH } from "@/lib/demo-apps/lunch-app";
import { findSession, LUNCH_SESSION_COOKIE } from "@/lib/demo-apps/lunch-sessions";

export const metadata: Metadata = { title: LUNCH_APP_NAME };

function ClaimsTable({ caption, claims }: { caption: string; claims: Record<string, unknown> }) {
  return (
    <table className="w-full text-sm" data-testid={caption === "ID token claims" ? "id-token-claims" : "userinfo-claims"}>
      <caption className="py-2 text-left font-semibold text-slate-900">{caption}</caption>
      <tbody>
        {Object.entries(claims).map(([name, value]) => (
          <tr key={name} className="border-t border-emerald-100 align-top">
            <th scope="row" className="py-1 pe-4 text-left font-mono text-xs font-medium text-slate-700">
              {name}
            </th>
            <td className="break-all py-1 font-mono text-xs" data-claim={name}>
              {typeof value === "string" ? value : JSON.stringify(value)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function LunchDemoPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!isDemoMode()) notFound();
  const jar = await cookies();
  const cookie = jar.get(LUNCH_SESSION_COOKIE)?.value;
  const session = findSession(cookie);
  const error = (await searchParams).error;
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
      <header className="space-y-1">
        <p className="text-xs uppercase tracking-wide text-emerald-800">Demo app, not part of the portal</p>
        <h1 className="text-2xl font-semibold text-emerald-950">{LUNCH_APP_NAME}</h1>
        <p className="text-sm text-slate-700">
          Signs parents in with their parent portal login through the district&apos;s OpenID Provider (authorization code + PKCE).
        </p>
      </header>
      {typeof error === "string" ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          Sign-in did not complete ({error.slice(0, 100)}). Please try again.
        </p>
      ) : null}
      {session ? (
        <section className="space-y-4 rounded-lg border border-emerald-200 bg-white p-4" data-testid="lunch-signed-in">
          <p className="text-lg">
            Signed in as <strong data-testid="lunch-user">{String(session.idTokenClaims.name ?? session.idTokenClaims.email ?? session.sub)}</strong>
          </p>
          <ClaimsTable caption="ID token claims" claims={session.idTokenClaims} />
          {session.userinfo ? <ClaimsTable caption="Userinfo" claims={session.userinfo} /> : null}
          <a href={`${LUNCH_BASE_PATH}/logout`} className="inline-flex h-10 items-center rounded-md bg-emerald-800 px-4 text-sm font-medium text-white hover:bg-emerald-900">
            Sign out
          </a>
        </section>
      ) : (
        <section className="space-y-3 rounded-lg border border-emerald-200 bg-white p-4" data-testid="lunch-signed-out">
          {cookie ? <p className="text-sm text-slate-700" data-testid="lunch-session-ended">Your session here has ended.</p> : null}
          <a href={`${LUNCH_BASE_PATH}/login`} className="inline-flex h-10 items-center rounded-md bg-emerald-800 px-4 text-sm font-medium text-white hover:bg-emerald-900">
            Sign in with your parent portal login
          </a>
          <p className="text-xs text-slate-600">
            A staff reset of your portal login also ends your session here: the portal sends this app a back-channel logout.
          </p>
        </section>
      )}
    </main>
  );
}
