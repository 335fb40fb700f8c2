// The console's list of connected apps, each with how many distinct parents signed in to it
// over the last 30 days (OidcClientSignIn keeps one row per app and person: its last sign-in).
import { prisma } from "@/lib/db";

export const SIGN_IN_WINDOW_DAYS = 30;

export interface ConnectedAppSummary {
  id: number;
  clientId: string;
  name: string;
  clientType: "confidential" | "public";
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  firstParty: boolean;
  scopes: string[];
  identifierClaim: string;
  secretRotatedAt: Date | null;
  disabledAt: Date | null;
  createdAt: Date;
  parentsSignedInLast30Days: number;
}

interface Row extends Omit<ConnectedAppSummary, "clientType" | "parentsSignedInLast30Days"> {
  confidential: boolean;
  parents: bigint;
}

async function listRows(id: number | null): Promise<ConnectedAppSummary[]> {
  const rows = await prisma.$queryRaw<Row[]>`
    SELECT c.id, c."clientId", c.name, c."secretHash" IS NOT NULL AS confidential, c."redirectUris", c."postLogoutRedirectUris",
           c."backchannelLogoutUri", c."firstParty", c.scopes, c."identifierClaim", c."secretRotatedAt", c."disabledAt", c."createdAt",
           (SELECT count(DISTINCT s."accountId") FROM "OidcClientSignIn" s
             WHERE s."clientId" = c."clientId" AND s."userType" = 'parent'
               AND s."lastSignedInAt" >= (now() AT TIME ZONE 'UTC') - make_interval(days => ${SIGN_IN_WINDOW_DAYS})) AS parents
    FROM "OidcClient" c
    WHERE (${id}::int IS NULL OR c.id = ${id}::int)
    ORDER BY c."disabledAt" IS NOT NULL, lower(c.name), c.id`;
  return rows.map(({ confidential, parents, ...row }) => ({
    ...row,
    clientType: confidential ? "confidential" : "public",
    parentsSignedInLast30Days: Number(parents),
  }));
}

export function listConnectedApps(): Promise<ConnectedAppSummary[]> {
  return listRows(null);
}

export async function getConnectedApp(id: number): Promise<ConnectedAppSummary | null> {
  return (await listRows(id))[0] ?? null;
}
