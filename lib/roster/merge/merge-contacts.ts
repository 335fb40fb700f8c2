// Parents, guardians and relatives from users.csv, by sourcedId. Their names, e-mail, phone,
// role and (metadata.language) language update in place; the parent login (ParentAccount) is
// never touched here: it survives every import, whatever happens to the contact.
import type pg from "pg";
import type { RosterMode } from "../roster-records";
import { linksDigestSql } from "./links-digest";
import { applyLinksDigests } from "./merge-students";

const FAMILY = `('parent', 'guardian', 'relative')`;

/**
 * Writes plan_contact (old_email kept for the e-mail change notices). Bulk: stored contacts the
 * file no longer has are planned for removal in the same pass (a full join).
 */
export async function planContacts(client: pg.ClientBase, mode: RosterMode): Promise<void> {
  const bulk = mode === "bulk";
  // A stored contact is kept when the file has its row (even a rejected one) or the reader
  // rejected a row with its sourcedId.
  const planned = bulk
    ? `(u.sourced_id IS NOT NULL AND NOT u.rejected)
       OR (u.sourced_id IS NULL AND c."sourcedId" IS NOT NULL AND c."removedAt" IS NULL
           AND NOT EXISTS (SELECT 1 FROM roster_rejected_id x WHERE x.file = 'users.csv' AND x.sourced_id = c."sourcedId"))`
    : "NOT u.rejected";
  // A removal keeps what is stored; a row of the file says everything (an empty e-mail is none).
  const value = (file: string, stored: string) => `CASE WHEN u.sourced_id IS NULL THEN ${stored} ELSE ${file} END`;
  await client.query(`
    CREATE TEMP TABLE plan_contact ON COMMIT DROP AS
    SELECT c.id, COALESCE(u.sourced_id, c."sourcedId") AS sourced_id, u.line,
      CASE
        WHEN u.sourced_id IS NULL THEN 'remove'
        WHEN u.status = 'removed' THEN CASE WHEN c.id IS NOT NULL AND c."removedAt" IS NULL THEN 'remove' ELSE 'none' END
        WHEN c.id IS NULL THEN 'add'
        WHEN c."removedAt" IS NOT NULL THEN 'restore'
        WHEN (c."firstName", c."lastName", c.email, c.phone, c."preferredLocale"::text, c."rosterRole")
             IS DISTINCT FROM (u.given_name, u.family_name, u.email, u.phone, n.locale, u.kind) THEN 'change'
        ELSE 'unchanged'
      END AS action,
      ${value("u.given_name", 'c."firstName"')} AS first_name, ${value("u.family_name", 'c."lastName"')} AS last_name,
      ${value("u.email", "c.email")} AS email, ${value("u.phone", "c.phone")} AS phone, n.locale,
      ${value("u.kind", 'c."rosterRole"')} AS roster_role,
      c.email AS old_email, ${linksDigestSql("u")} AS links_digest, c."rosterLinksDigest" AS old_links_digest
    FROM (SELECT * FROM roster_user WHERE kind IN ${FAMILY}) u
    ${bulk ? "FULL" : "LEFT"} JOIN "Contact" c ON c."sourcedId" = u.sourced_id
    CROSS JOIN LATERAL (SELECT COALESCE(u.language, c."preferredLocale"::text, 'en') AS locale) n
    WHERE ${planned}`);
  await client.query(`ANALYZE plan_contact`);
}

export async function applyContacts(client: pg.ClientBase): Promise<void> {
  await client.query(`UPDATE "Contact" c SET "removedAt" = localtimestamp FROM plan_contact p WHERE p.id = c.id AND p.action = 'remove'`);
  await client.query(`
    UPDATE "Contact" c
    SET "firstName" = p.first_name, "lastName" = p.last_name, email = p.email, phone = p.phone,
        "preferredLocale" = p.locale::"Locale", "rosterRole" = p.roster_role, "removedAt" = NULL, "rosterLinksDigest" = p.links_digest
    FROM plan_contact p WHERE p.id = c.id AND p.action IN ('change', 'restore')`);
  await applyLinksDigests(client, "Contact", "plan_contact");
  await client.query(`
    INSERT INTO "Contact" ("sourcedId", "firstName", "lastName", email, phone, "preferredLocale", "rosterRole", "rosterLinksDigest")
    SELECT sourced_id, first_name, last_name, email, phone, locale::"Locale", roster_role, links_digest FROM plan_contact WHERE action = 'add'`);
}
