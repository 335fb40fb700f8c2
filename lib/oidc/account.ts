// Who an OIDC subject is, and the claims apps get (issue 12, item 5). accountId = sub = the
// parent login's, or the student's, oidcSubject (a random UUID kept through resets; a student's
// outlives each of their logins). A parent login that is reset,
// waiting for its first password, disabled or without a password is no account at
// all here, and neither is anything issued before the login's last staff reset or password
// change: refresh tokens, userinfo and new codes fail even if a session or token row was
// missed by the revocation.
import type { Account, AccountClaims, FindAccount, KoaContextWithOIDC } from "oidc-provider";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { identifierClaimOf } from "@/lib/oidc/client-metadata";
import { hasActiveParentLink } from "@/lib/accounts/student-login-link";
import { parentMailRecipient } from "@/lib/accounts/parent-email-policy";
import { emailKey } from "@/lib/accounts/recovery/forgot-username";
import { getDistrictSettings } from "@/lib/settings/district-settings";

export type OidcUserType = "parent" | "student";

/** Which claims each scope releases (oidc-provider's `claims` setting). */
export const OIDC_SCOPE_CLAIMS = {
  openid: ["sub", "user_type", "sis_id"],
  profile: ["name", "given_name", "family_name", "locale", "preferred_username"],
  email: ["email", "email_verified"],
  students: ["students"],
} as const;

export interface LinkedStudentClaim {
  student_number: string;
  name: string;
  given_name: string;
  family_name: string;
  school: string;
  grade: string;
}

const subjectSchema = z.uuid();

function issuedBefore(reset: Date | null, issuedAtSeconds: number | undefined): boolean {
  return reset !== null && issuedAtSeconds !== undefined && issuedAtSeconds * 1000 < reset.getTime();
}

/**
 * Issued before the password changed. In whole seconds (iat and loginTs have no more): the
 * sign-in that follows a forced password change often falls in the same second, and must
 * count. Anything of that second from before the change was revoked with it (setParentPassword).
 */
function issuedBeforePasswordChange(changedAt: Date | null, issuedAtSeconds: number | undefined): boolean {
  return changedAt !== null && issuedAtSeconds !== undefined && issuedAtSeconds < Math.floor(changedAt.getTime() / 1000);
}

/** The moment what is being used was issued: the token's iat, else the browser session's sign-in. */
function issuedAtOf(ctx: KoaContextWithOIDC | undefined, token: { iat?: number } | undefined): number | undefined {
  return token?.iat ?? ctx?.oidc?.session?.loginTs;
}

function clientMetadataOf(ctx: KoaContextWithOIDC | undefined) {
  return ctx?.oidc?.client?.metadata() as { identifier_claim?: string; first_party?: boolean } | undefined;
}

/**
 * The portal username is half of a sign-in: only the district's own apps get it. Other apps see
 * what their consent page listed (name and language), whoever signs in.
 */
function usernameClaimFor(ctx: KoaContextWithOIDC | undefined, username: string): { preferred_username?: string } {
  return clientMetadataOf(ctx)?.first_party === true ? { preferred_username: username } : {};
}

/**
 * The address parent mail may go to (the parent mail rule): a staff address is never released,
 * as an app that also matches staff by e-mail would open the employee's account for the parent
 * login. Verified only for the address the parent proved they read (ParentAccount.verifiedEmail),
 * while it is still theirs.
 */
async function emailClaims(email: string | null, verifiedEmail: string | null): Promise<{ email?: string; email_verified?: boolean }> {
  const recipient = parentMailRecipient(email, (await getDistrictSettings()).staffEmailDomains);
  if (!recipient.ok) return {};
  return { email: recipient.email, email_verified: verifiedEmail !== null && emailKey(verifiedEmail) === emailKey(recipient.email) };
}

async function linkedStudents(contactId: number): Promise<LinkedStudentClaim[]> {
  const links = await prisma.studentContact.findMany({
    // Only children the roster still links to this parent, and still enrolled.
    where: { contactId, removedAt: null, student: { removedAt: null } },
    select: { student: { select: { studentNumber: true, firstName: true, lastName: true, grade: true, school: { select: { name: true } } } } },
    orderBy: [{ student: { firstName: "asc" } }, { studentId: "asc" }],
  });
  return links.map(({ student }) => ({
    student_number: student.studentNumber,
    name: `${student.firstName} ${student.lastName}`,
    given_name: student.firstName,
    family_name: student.lastName,
    school: student.school.name,
    grade: student.grade,
  }));
}

async function parentAccount(ctx: KoaContextWithOIDC | undefined, sub: string, issuedAt: number | undefined): Promise<Account | undefined> {
  const account = await prisma.parentAccount.findUnique({
    where: { oidcSubject: sub },
    include: { contact: { select: { id: true, firstName: true, lastName: true, email: true, sourcedId: true, preferredLocale: true } } },
  });
  if (!account) return undefined;
  const usable =
    account.status === "ACTIVE" &&
    account.passwordHash !== null &&
    // Not lockedUntil: the portal's cap is built so that strangers' guesses cannot lock the owner
    // out (lib/auth/sign-in-throttle.ts); treating it as "no account" would let them end the
    // parent's sessions and refresh tokens at every app. Sign-in itself stays capped.
    account.disabledAt === null;
  if (!usable || issuedBefore(account.resetAt, issuedAt) || issuedBeforePasswordChange(account.passwordChangedAt, issuedAt)) return undefined;
  const { contact } = account;
  const identifierClaim = identifierClaimOf(clientMetadataOf(ctx)?.identifier_claim);
  return {
    accountId: sub,
    async claims(use, scope): Promise<AccountClaims> {
      const scopes = new Set(scope.split(" "));
      // Children's data only from userinfo (behind an access token), never in the ID token: apps
      // send ID tokens back as id_token_hint in logout URLs, which end up in logs and history.
      const withStudents = scopes.has("students") && use === "userinfo";
      return {
        sub,
        user_type: "parent" satisfies OidcUserType,
        ...(identifierClaim === "sis_id" && contact.sourcedId ? { sis_id: contact.sourcedId } : {}),
        name: `${contact.firstName} ${contact.lastName}`,
        given_name: contact.firstName,
        family_name: contact.lastName,
        ...usernameClaimFor(ctx, account.username),
        locale: contact.preferredLocale,
        ...(await emailClaims(contact.email, account.verifiedEmail)),
        // Read only when asked for: it is the one claim that costs a query.
        ...(withStudents ? { students: await linkedStudents(contact.id) } : {}),
      };
    },
  };
}

async function studentAccount(ctx: KoaContextWithOIDC | undefined, sub: string, issuedAt: number | undefined): Promise<Account | undefined> {
  const student = await prisma.student.findUnique({
    where: { oidcSubject: sub },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      sourcedId: true,
      removedAt: true,
      account: { select: { username: true, createdAt: true, createdBy: { select: { status: true, disabledAt: true, resetAt: true, contactId: true } } } },
    },
  });
  const account = student?.account;
  if (!student || !account || student.removedAt !== null) return undefined;
  // A student login hangs on the parent login that made it: a reset or disabled parent ends it
  // too, and so does the roster removing that parent's link to the child.
  if (account.createdBy.status === "RESET" || account.createdBy.disabledAt !== null || issuedBefore(account.createdBy.resetAt, issuedAt)) return undefined;
  // The sub outlives the login: nothing issued to an earlier login of this student counts.
  if (issuedBeforePasswordChange(account.createdAt, issuedAt)) return undefined;
  if (!(await hasActiveParentLink(student.id, account.createdBy.contactId))) return undefined;
  const identifierClaim = identifierClaimOf(clientMetadataOf(ctx)?.identifier_claim);
  return {
    accountId: sub,
    async claims(): Promise<AccountClaims> {
      return {
        sub,
        user_type: "student" satisfies OidcUserType,
        ...(identifierClaim === "sis_id" && student.sourcedId ? { sis_id: student.sourcedId } : {}),
        name: `${student.firstName} ${student.lastName}`,
        given_name: student.firstName,
        family_name: student.lastName,
        ...usernameClaimFor(ctx, account.username),
      };
    },
  };
}

/** oidc-provider's findAccount: undefined for anything that may not sign in or use tokens now. */
export const findOidcAccount: FindAccount = async (ctx, sub, token) => {
  if (!subjectSchema.safeParse(sub).success) return undefined;
  const issuedAt = issuedAtOf(ctx, token as { iat?: number } | undefined);
  return (await parentAccount(ctx, sub, issuedAt)) ?? (await studentAccount(ctx, sub, issuedAt));
};

/** The login behind a subject, for the sign-in record and audit (no usability checks). */
export async function describeOidcSubject(
  sub: string,
): Promise<{ userType: OidcUserType; actorId: number; label: string; contactIds: number[] } | null> {
  if (!subjectSchema.safeParse(sub).success) return null;
  const parent = await prisma.parentAccount.findUnique({ where: { oidcSubject: sub }, select: { id: true, username: true, contactId: true } });
  if (parent) return { userType: "parent", actorId: parent.id, label: parent.username, contactIds: [parent.contactId] };
  const student = await prisma.studentAccount.findFirst({
    where: { student: { oidcSubject: sub } },
    select: { id: true, username: true, createdBy: { select: { contactId: true } } },
  });
  if (student) return { userType: "student", actorId: student.id, label: `student:${student.username}`, contactIds: [student.createdBy.contactId] };
  return null;
}
