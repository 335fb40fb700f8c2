// District-specific values (name, support phone, sender, staff domains, limits) live in
// the database so a district configures them without a code change.
import { cache } from "react";
import { prisma } from "@/lib/db";
import { sqlRows } from "@/lib/db-sql";
import { Prisma, type DistrictSettings } from "@/lib/generated/prisma/client";

export type { DistrictSettings };

/** Used only until a site admin saves settings; DISTRICT_* variables override them. */
export function defaultDistrictSettings() {
  return {
    districtName: process.env.DISTRICT_NAME ?? "Riverside Unified School District",
    portalName: process.env.DISTRICT_PORTAL_NAME ?? "Parent Portal",
    supportPhone: process.env.DISTRICT_SUPPORT_PHONE ?? "555-0100",
    supportEmail: process.env.DISTRICT_SUPPORT_EMAIL ?? "helpdesk@riverside.example.org",
    senderAddress: process.env.DISTRICT_SENDER ?? "no-reply@riverside.example.org",
    staffEmailDomains: (process.env.DISTRICT_STAFF_DOMAINS ?? "riverside.example.org,riverside.example.net")
      .split(",")
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean),
  };
}

// The model's columns (none renamed): every one a plain text, int, boolean, text[] or
// timestamp, so the row read by sqlRows has the shape findUnique gives.
const COLUMNS = Prisma.raw(Object.values(Prisma.DistrictSettingsScalarFieldEnum).map((field) => `"${field}"`).join(", "));

// Read on every page and search: raw SQL (lib/db-sql.ts) rather than findUnique, whose query
// compilation costs more than the read.
async function loadDistrictSettings(): Promise<DistrictSettings> {
  const [existing] = await sqlRows<DistrictSettings>(Prisma.sql`SELECT ${COLUMNS} FROM "DistrictSettings" WHERE id = 1`, {
    preparedAs: "district-settings",
  });
  if (existing) return existing;
  return prisma.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, ...defaultDistrictSettings() }, update: {} });
}

/** Memoized per request in React server rendering; a plain query elsewhere. */
export const getDistrictSettings = cache(loadDistrictSettings);

/** True when the address belongs to one of the district's staff domains (or a subdomain). */
export function isStaffEmail(email: string, staffEmailDomains: readonly string[]): boolean {
  const domain = email.trim().toLowerCase().split("@").pop() ?? "";
  return staffEmailDomains.some((staffDomain) => domain === staffDomain || domain.endsWith(`.${staffDomain}`));
}
