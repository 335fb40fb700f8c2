// The demo's parent logins, added after its roster is imported: a login belongs to the portal,
// not to the SIS, so the seed creates it for the contacts it chose, found by their OneRoster
// sourcedId. Mixed states as a real district has them: ACTIVE, RESET (the links carry the
// reset), PENDING_PASSWORD_CHANGE. Contacts that already have a login keep it untouched, so a
// second run creates nothing.
import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { usernameKey } from "@/lib/accounts/parent-sign-in";
import { hashSecret } from "@/lib/security/password-hash";
import { createRandom, type DemoDistrict } from "./build-demo-district";
import { demoSourcedId } from "./build-demo-roster";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function createDemoLogins(district: DemoDistrict, options: { parentPassword: string; resetById: number }): Promise<number> {
  const random = createRandom(7);
  const now = Date.now();
  const parentHash = await hashSecret(options.parentPassword);
  const sourcedIds = district.accounts.map((account) => demoSourcedId("contact", account.contactId));
  const contacts = await prisma.contact.findMany({ where: { sourcedId: { in: sourcedIds } }, select: { id: true, sourcedId: true, account: { select: { id: true } } } });
  const bySourcedId = new Map(contacts.map((contact) => [contact.sourcedId, contact]));
  const daysAgo = (max: number) => new Date(now - random.int(1, max) * DAY_MS);

  const rows: Prisma.ParentAccountCreateManyInput[] = [];
  const resets: { contactId: number; resetAt: Date }[] = [];
  for (const [index, account] of district.accounts.entries()) {
    // Drawn for every account, created or not, so the dates do not depend on what exists.
    const resetAt = daysAgo(account.status === "PENDING_PASSWORD_CHANGE" ? 10 : 30);
    const lastSeen = daysAgo(60);
    const changedAt = daysAgo(400);
    const contact = bySourcedId.get(sourcedIds[index]!);
    if (!contact || contact.account) continue;
    const common = { contactId: contact.id, username: account.username, usernameKey: usernameKey(account.username), status: account.status };
    if (account.status === "RESET") {
      resets.push({ contactId: contact.id, resetAt });
      rows.push({ ...common, passwordHash: null, resetAt });
    } else if (account.status === "PENDING_PASSWORD_CHANGE") {
      // Re-registered parents: the shared demo password stands in for the e-mailed temporary one.
      rows.push({ ...common, passwordHash: parentHash, resetAt, tempPasswordExpiresAt: new Date(now + DAY_MS) });
    } else {
      rows.push({ ...common, passwordHash: parentHash, passwordChangedAt: changedAt, lastSignInAt: lastSeen });
    }
  }
  if (rows.length === 0) return 0;

  return prisma.$transaction(async (tx) => {
    const created = await tx.parentAccount.createMany({ data: rows, skipDuplicates: true });
    for (const { contactId, resetAt } of resets) {
      await tx.$executeRaw`
        UPDATE "StudentContactLoginKey" k SET "resetAt" = ${resetAt}, "resetById" = ${options.resetById}
        FROM "StudentContact" sc WHERE sc.id = k.id AND sc."contactId" = ${contactId}`;
    }
    // The follow-up of those resets (console home, pending page): RESET ones still wait;
    // re-registered ones did so 1 to 200 hours after their reset (spread by account id).
    await tx.$executeRaw`
      INSERT INTO "ParentLoginReset" ("contactId", "accountId", "resetAt", "schoolIds", "resetById", "reregisteredAt")
      SELECT a."contactId", a.id, a."resetAt",
        ARRAY(SELECT DISTINCT st."schoolId" FROM "StudentContact" sc JOIN "Student" st ON st.id = sc."studentId"
              WHERE sc."contactId" = a."contactId" AND sc."removedAt" IS NULL ORDER BY 1),
        ${options.resetById},
        CASE WHEN a.status = 'PENDING_PASSWORD_CHANGE'
          THEN LEAST(a."resetAt" + interval '1 hour' * (1 + (a.id * 37) % 200), now() AT TIME ZONE 'UTC') END
      FROM "ParentAccount" a
      WHERE a."contactId" = ANY(${rows.map((row) => row.contactId)}::int[]) AND a.status IN ('RESET', 'PENDING_PASSWORD_CHANGE') AND a."resetAt" IS NOT NULL`;
    return created.count;
    // Prisma's default of 5 s is too short for a few hundred updates on a busy machine.
  }, { timeout: 60_000 });
}
