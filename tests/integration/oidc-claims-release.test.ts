// What a parent's claims release about them (review Lows 6 and 10): no staff address as
// `email` (an app that also matches staff by e-mail would open the employee's account);
// `email_verified` only for the address the parent proved they read, and only while it is
// still theirs; the portal username (`preferred_username`) only to the district's own apps.
import { describe, expect, it } from "vitest";
import type { KoaContextWithOIDC } from "oidc-provider";
import { prisma } from "@/lib/db";
import { setParentPassword, type PasswordChangeReason } from "@/lib/accounts/set-parent-password";
import { findOidcAccount } from "@/lib/oidc/account";
import { getDistrictSettings } from "@/lib/settings/district-settings";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const SCOPE = "openid profile email";

/** What oidc-provider hands findAccount about the app asking (only its metadata is read). */
function appContext(firstParty: boolean): KoaContextWithOIDC {
  const metadata = { first_party: firstParty, identifier_claim: "email" };
  return { oidc: { client: { metadata: () => metadata } } } as unknown as KoaContextWithOIDC;
}

async function parent(username: string, email: string | null) {
  const school = await createSchool(prisma);
  const { account, contact } = await createParentWithChild(prisma, school.id, { firstName: "Eve", lastName: username, email, account: { username } });
  return { account: account!, contact };
}

async function claimsOf(sub: string, firstParty = true) {
  const found = await findOidcAccount(appContext(firstParty), sub);
  expect(found, "the account is usable").toBeDefined();
  return found!.claims("id_token", SCOPE, {}, []);
}

function setPassword(account: { id: number; username: string }, reason: PasswordChangeReason) {
  return prisma.$transaction((tx) =>
    setParentPassword(tx, { parentAccountId: account.id, newPassword: `a brand new passphrase for ${reason} 4417`, actor: { type: "PARENT", id: account.id, label: account.username }, reason }),
  );
}

describe("a parent's claims", () => {
  it("withhold email and email_verified for an address on a staff domain", async () => {
    const [staffDomain] = (await getDistrictSettings()).staffEmailDomains;
    const { account } = await parent("claims.staff", `Eve.Claims@Mail.${staffDomain}`);
    const claims = await claimsOf(account.oidcSubject);
    expect(claims).toMatchObject({ sub: account.oidcSubject, given_name: "Eve" });
    expect(claims).not.toHaveProperty("email");
    expect(claims).not.toHaveProperty("email_verified");
  });

  it("say email_verified only after a secret mailed to the address was used, and only while it is the address on record", async () => {
    const { account, contact } = await parent("claims.verified", "eve.verified@example.com");
    // Made ACTIVE without a mailed secret: nothing proves the parent reads the address.
    expect(await claimsOf(account.oidcSubject)).toMatchObject({ email: "eve.verified@example.com", email_verified: false });

    // A signed-in change proves nothing about the address either.
    expect((await setPassword(account, "change")).ok).toBe(true);
    expect(await claimsOf(account.oidcSubject)).toMatchObject({ email_verified: false });

    // Forgot Password: the code mailed to the address was used.
    expect((await setPassword(account, "forgot-password")).ok).toBe(true);
    expect(await claimsOf(account.oidcSubject)).toMatchObject({ email: "eve.verified@example.com", email_verified: true });
    // The same address, as the roster may spell it.
    await prisma.contact.update({ where: { id: contact.id }, data: { email: "Eve.Verified@Example.com" } });
    expect(await claimsOf(account.oidcSubject)).toMatchObject({ email_verified: true });

    // The roster gives the contact another address: not proven.
    await prisma.contact.update({ where: { id: contact.id }, data: { email: "eve.new@example.com" } });
    expect(await claimsOf(account.oidcSubject)).toMatchObject({ email: "eve.new@example.com", email_verified: false });
  });

  it("say email_verified after the first sign-in with a temporary password mailed to the address", async () => {
    const { account } = await parent("claims.first", "eve.first@example.com");
    await prisma.parentAccount.update({ where: { id: account.id }, data: { status: "PENDING_PASSWORD_CHANGE", tempPasswordUsedAt: new Date() } });
    expect((await setPassword(account, "first-sign-in")).ok).toBe(true);
    expect(await claimsOf(account.oidcSubject)).toMatchObject({ email: "eve.first@example.com", email_verified: true });
  });

  it("give the portal username to the district's own apps only", async () => {
    const { account } = await parent("claims.username", "eve.username@example.com");
    expect(await claimsOf(account.oidcSubject, true)).toMatchObject({ preferred_username: "claims.username" });
    const thirdParty = await claimsOf(account.oidcSubject, false);
    expect(thirdParty).toMatchObject({ name: "Eve claims.username" });
    expect(thirdParty).not.toHaveProperty("preferred_username");
  });
});
