// `npm run staff:create-admin -- --email it.lead@district.org [--name "Ida Lead"]`: the first
// site admin of a deployment. Sets no passphrase: prints a one-time link (24 hours) where that
// person chooses one. Run again for an admin who has not used their link yet to get a new one.
// Needs DATABASE_URL (migrated) and the public URL (PORTAL_URL or NEXTAUTH_URL) for the link.
import { parseArgs } from "node:util";
import { ActionFailure } from "@/lib/actions/action-result";
import { prisma } from "@/lib/db";
import { portalBaseUrl } from "@/lib/mail/district-mail-info";
import { createSiteAdmin } from "@/lib/staff-auth/create-site-admin";
import { setupLinkUrl } from "@/lib/staff-auth/setup-link-token";

const USAGE = 'Usage: npm run staff:create-admin -- --email <address> [--name "<full name>"]';

function fail(message: string, code = 1): never {
  console.error(`✗ ${message}`);
  process.exit(code);
}

async function main() {
  let values: { email?: string; name?: string };
  try {
    ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (!values.email) fail(`--email is required.\n${USAGE}`, 2);
  if (!process.env.DATABASE_URL) fail("DATABASE_URL is not set: point it at the deployment's (migrated) database.");
  const email = values.email.trim();
  const name = values.name?.trim() || email.split("@")[0] || email;
  try {
    const link = await createSiteAdmin({ email, name });
    console.log(link.created ? `✓ Created the site admin ${email.toLowerCase()} (no passphrase yet).` : `✓ ${email.toLowerCase()} has not chosen a passphrase yet: a new link replaces the old one.`);
    console.log("\nGive this one-time link to that person only; it works once and expires", link.expiresAt.toISOString() + ":");
    console.log(`\n  ${setupLinkUrl(portalBaseUrl(), link.token)}\n`);
  } catch (error) {
    if (error instanceof ActionFailure) fail(error.message);
    throw error;
  } finally {
    await prisma.$disconnect();
  }
}

await main();
