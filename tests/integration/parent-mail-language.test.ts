// Mail a parent's own action triggers (temporary password, resend, security code, usernames,
// password changed, unlocked) reads first in the language of the page they used, whatever
// language the school stored for them; a staff reset's notice keeps the stored language.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { hashSecret } from "@/lib/security/password-hash";
import { createAuthSession } from "@/lib/auth/auth-session-store";
import { registerParent } from "@/lib/accounts/register-parent";
import { resendTemporaryPassword } from "@/lib/accounts/resend-temporary-password";
import { changeParentPassword } from "@/lib/accounts/change-parent-password";
import { requestPasswordResetCode } from "@/lib/accounts/recovery/request-reset-code";
import { requestUsernameReminder } from "@/lib/accounts/recovery/forgot-username";
import { verifyPasswordResetCode } from "@/lib/accounts/recovery/verify-reset-code";
import { completePasswordReset } from "@/lib/accounts/recovery/complete-password-reset";
import { resetParentLogins } from "@/lib/parents/reset-parent-logins";
import type { AppLocale } from "@/lib/i18n/locales";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";
import { queuedSecurityCode } from "../helpers/recovery-helpers";
import { renderQueuedEmail } from "../helpers/render-queued-email";

const IP = "198.51.100.40";
const fast = { minimumMs: 0 }; // timing is the subject of forgot-enumeration.test.ts
let schoolId: number;
let seq = 0;

/** A parent the school recorded as English-speaking. */
async function englishParent(status: "ACTIVE" | "RESET" | "PENDING_PASSWORD_CHANGE" | null = "ACTIVE") {
  const n = ++seq;
  const username = `mai.${n}`;
  const created = await createParentWithChild(prisma, schoolId, {
    firstName: "Mai",
    lastName: `Phạm${n}`,
    email: `mai.${n}@example.com`,
    preferredLocale: "en",
    account: status ? { username, status, passwordHash: await hashSecret("Old password 1") } : undefined,
  });
  return { ...created, username, email: created.contact.email! };
}

/** The newest queued mail of a template to an address: its locale and its first section's language. */
async function newestMail(template: string, to: string) {
  const row = await prisma.emailOutbox.findFirstOrThrow({ where: { template, toAddress: to }, orderBy: { id: "desc" } });
  const mail = await renderQueuedEmail(row);
  return { locale: row.locale, firstSection: mail.text.split("\n")[0], subject: mail.subject };
}

const FIRST_LINE: Record<AppLocale, string> = { en: "English:", es: "Español:", vi: "Tiếng Việt:", ar: "العربية:" };

beforeAll(async () => {
  schoolId = (await createSchool(prisma)).id;
});
beforeEach(async () => {
  await prisma.rateLimitBucket.deleteMany();
});

describe("mail in the language of the page", () => {
  it("registration and resend: the temporary password reads first in the page's language", async () => {
    const parent = await englishParent(null);
    const form = { username: parent.username, studentIds: [parent.student.studentNumber], firstName: "Mai", lastName: parent.contact.lastName };
    expect(await registerParent(form, { ip: IP, locale: "vi" }, fast)).toMatchObject({ status: "registered" });
    expect(await newestMail("temporary-password", parent.email)).toMatchObject({ locale: "vi", firstSection: FIRST_LINE.vi });

    const resend = { studentId: parent.student.studentNumber, firstName: "mai", lastName: parent.contact.lastName };
    await resendTemporaryPassword(resend, { ip: IP, locale: "ar" }, fast);
    expect(await newestMail("temporary-password", parent.email)).toMatchObject({ locale: "ar", firstSection: FIRST_LINE.ar });
  });

  it("Forgot Username, Forgot Password and the password-changed confirmations", async () => {
    const parent = await englishParent();
    await requestUsernameReminder({ email: parent.email, ip: IP, locale: "es" }, fast);
    expect(await newestMail("forgot-username", parent.email)).toMatchObject({ locale: "es", firstSection: FIRST_LINE.es });

    await requestPasswordResetCode({ username: parent.username, ip: IP, locale: "ar" }, fast);
    expect(await newestMail("security-code", parent.email)).toMatchObject({ locale: "ar", firstSection: FIRST_LINE.ar });
    const code = await queuedSecurityCode(parent.email);
    const verified = await verifyPasswordResetCode({ usernameKey: parent.username, code, ip: IP }, fast);
    if (verified.status !== "verified") throw new Error(verified.status);
    expect(await completePasswordReset({ grant: verified.grant, newPassword: "river stones at dawn", ip: IP, locale: "vi" })).toEqual({ status: "done" });
    expect(await newestMail("password-changed", parent.email)).toMatchObject({ locale: "vi", firstSection: FIRST_LINE.vi });

    const sessionId = await createAuthSession({ parentAccountId: parent.account!.id }, { ip: IP });
    const changed = await changeParentPassword({
      parentAccountId: parent.account!.id,
      sessionId,
      currentPassword: "river stones at dawn",
      newPassword: "lanterns over the bay",
      ip: IP,
      locale: "es",
    });
    expect(changed).toMatchObject({ ok: true });
    expect(await newestMail("password-changed", parent.email)).toMatchObject({ locale: "es", firstSection: FIRST_LINE.es });
  });

  it("a staff reset's notice keeps the contact's stored language", async () => {
    const parent = await englishParent();
    await prisma.contact.update({ where: { id: parent.contact.id }, data: { preferredLocale: "vi" } });
    const staff = await prisma.staffUser.create({ data: { email: `agent${seq}@district.example.org`, name: "Agent", role: "HELP_DESK", passwordHash: "x" } });
    await resetParentLogins({ linkIds: [parent.link.id], actor: { staffUserId: staff.id, label: staff.email, ip: "10.0.0.5" }, includeOtherRowsOfSameParents: true });
    expect(await newestMail("login-reset-notice", parent.email)).toMatchObject({ locale: "vi", firstSection: FIRST_LINE.vi });
  });
});
