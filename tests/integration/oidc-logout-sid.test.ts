// Logout tokens carry the sid the app knows the sign-in by (review Low 8). Apps are registered
// with backchannel_logout_session_required, so a compliant app may refuse a logout token
// without sid. When a grant has no provider session any more (the browser session ended, an
// offline grant), its codes and tokens still carry the sid: the queued logout uses it; only a
// grant none of whose rows has one gets a sub-only logout.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { PostgresAdapter } from "@/lib/oidc/adapter";
import { revokeOidcAccess } from "@/lib/oidc/revoke-oidc-access";

const SUB = "00000000-0000-4000-8000-00000000a11d";

describe("logout tokens queued for grants without a session", () => {
  it("use the sid their tokens carry, and sub-only only when none does", async () => {
    for (const clientId of ["lunch", "sis"]) {
      await prisma.oidcClient.create({
        data: { clientId, name: clientId, redirectUris: [`https://${clientId}.example.org/cb`], postLogoutRedirectUris: [], backchannelLogoutUri: `https://${clientId}.example.org/bcl`, scopes: ["openid"] },
      });
    }
    await new PostgresAdapter("Grant").upsert("grant-lunch", { accountId: SUB, clientId: "lunch" }, 3600);
    await new PostgresAdapter("RefreshToken").upsert("rt-lunch-1", { accountId: SUB, grantId: "grant-lunch", clientId: "lunch", sid: "sid-offline" }, 3600);
    await new PostgresAdapter("AccessToken").upsert("at-lunch-1", { accountId: SUB, grantId: "grant-lunch", clientId: "lunch", sid: "sid-offline" }, 3600);
    await new PostgresAdapter("Grant").upsert("grant-sis", { accountId: SUB, clientId: "sis" }, 3600);
    await new PostgresAdapter("RefreshToken").upsert("rt-sis-1", { accountId: SUB, grantId: "grant-sis", clientId: "sis" }, 3600);

    const outcome = await prisma.$transaction((tx) => revokeOidcAccess(tx, [SUB]));
    expect(outcome).toEqual({ artifactsDeleted: 5, logoutsQueued: 2 });
    const queued = await prisma.oidcLogoutDelivery.findMany({ select: { clientId: true, sid: true }, orderBy: { clientId: "asc" } });
    expect(queued).toEqual([
      { clientId: "lunch", sid: "sid-offline" },
      { clientId: "sis", sid: null },
    ]);
  });
});
