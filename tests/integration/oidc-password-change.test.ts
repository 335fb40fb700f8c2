// A parent's password change (signed in, or through Forgot Password) and portal sign-out end
// their sign-ins at the district's apps (review Medium 3): provider sessions, grants and tokens
// are revoked and back-channel logouts queued; and findAccount refuses anything issued before
// the last password change, as it does for a staff reset.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { setParentPassword } from "@/lib/accounts/set-parent-password";
import { createAuthSession } from "@/lib/auth/auth-session-store";
import { authOptions } from "@/lib/auth/auth-options";
import { findOidcAccount } from "@/lib/oidc/account";
import { PostgresAdapter } from "@/lib/oidc/adapter";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

let appCreated = false;

async function parentSignedInAtApps(username: string) {
  if (!appCreated) {
    await prisma.oidcClient.create({
      data: { clientId: "lunch", name: "Lunch", redirectUris: ["https://lunch.example.org/cb"], postLogoutRedirectUris: [], backchannelLogoutUri: "https://lunch.example.org/bcl", scopes: ["openid"] },
    });
    appCreated = true;
  }
  const school = await createSchool(prisma);
  const { account } = await createParentWithChild(prisma, school.id, { firstName: "Pat", lastName: username, account: { username } });
  const sub = account!.oidcSubject;
  await new PostgresAdapter("Session").upsert(`sess-${username}`, { accountId: sub, uid: `uid-${username}`, authorizations: { lunch: { sid: `sid-${username}`, grantId: `grant-${username}` } } }, 3600);
  await new PostgresAdapter("Grant").upsert(`grant-${username}`, { accountId: sub, clientId: "lunch" }, 3600);
  await new PostgresAdapter("RefreshToken").upsert(`rt-${username}`, { accountId: sub, grantId: `grant-${username}`, clientId: "lunch" }, 3600);
  return account!;
}

const artifactsOf = (sub: string) => prisma.oidcPayload.count({ where: { accountId: sub } });
const nowSeconds = () => Math.floor(Date.now() / 1000);
/** next-auth's sign-out event, where the portal's sign-out button ends. */
const signOut = (sessionId: string) => authOptions.events!.signOut!({ token: { sid: sessionId }, session: null } as never);

describe("a parent's password change and portal sign-out end their app sign-ins", () => {
  it.each(["change", "forgot-password"] as const)("a %s revokes provider sessions, grants and tokens and queues the logout", async (reason) => {
    const account = await parentSignedInAtApps(`pw.${reason}`);
    expect(await artifactsOf(account.oidcSubject)).toBe(3);
    const result = await prisma.$transaction((tx) =>
      setParentPassword(tx, { parentAccountId: account.id, newPassword: "a brand new passphrase 8812", actor: { type: "PARENT", id: account.id, label: account.username }, reason }),
    );
    expect(result.ok).toBe(true);
    expect(await artifactsOf(account.oidcSubject)).toBe(0);
    expect(await prisma.oidcLogoutDelivery.count({ where: { accountId: account.oidcSubject, sid: `sid-pw.${reason}` } })).toBe(1);
    const [event] = await prisma.auditEvent.findMany({ where: { action: "parent.password.change", contactIds: { has: account.contactId } } });
    expect(event!.details).toMatchObject({ reason, appLogoutsQueued: 1 });
  });

  it("findAccount refuses a token issued before the last password change, and accepts one from that second on", async () => {
    const account = await parentSignedInAtApps("pw.iat");
    const changedAt = new Date();
    await prisma.parentAccount.update({ where: { id: account.id }, data: { passwordChangedAt: changedAt } });
    const changedSecond = Math.floor(changedAt.getTime() / 1000);
    expect(await findOidcAccount(undefined as never, account.oidcSubject, { iat: changedSecond - 60 } as never)).toBeUndefined();
    expect(await findOidcAccount(undefined as never, account.oidcSubject, { iat: changedSecond } as never)).toMatchObject({ accountId: account.oidcSubject });
    expect(await findOidcAccount(undefined as never, account.oidcSubject, { iat: nowSeconds() + 1 } as never)).toBeDefined();
  });

  it("portal sign-out ends the portal session and the parent's provider sessions, grants and tokens", async () => {
    const account = await parentSignedInAtApps("pw.signout");
    const sessionId = await createAuthSession({ parentAccountId: account.id }, { ip: "192.0.2.9" });
    await signOut(sessionId);
    expect(await prisma.authSession.count({ where: { id: sessionId } })).toBe(0);
    expect(await artifactsOf(account.oidcSubject)).toBe(0);
    expect(await prisma.oidcLogoutDelivery.count({ where: { accountId: account.oidcSubject } })).toBe(1);
  });

  it("a staff member's sign-out revokes nothing of anyone", async () => {
    const account = await parentSignedInAtApps("pw.staff");
    const staff = await prisma.staffUser.create({ data: { email: "desk@district.org", name: "Desk", role: "HELP_DESK", passwordHash: "x" } });
    const sessionId = await createAuthSession({ staffUserId: staff.id }, { ip: "192.0.2.10" });
    await signOut(sessionId);
    expect(await prisma.authSession.count({ where: { id: sessionId } })).toBe(0);
    expect(await artifactsOf(account.oidcSubject)).toBe(3);
  });
});
