// Forgot Username against real PostgreSQL and a real SMTP server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { requestUsernameReminder } from "@/lib/accounts/recovery/forgot-username";
import { createSmtpTransport } from "@/lib/mail/mail-transport";
import { processOutboxBatch } from "@/lib/mail/outbox-worker";
import { startSmtpCapture, type SmtpCapture } from "../helpers/smtp-capture";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

const IP = "198.51.100.20";
const fast = { minimumMs: 0 }; // timing is the subject of forgot-enumeration.test.ts
let smtp: SmtpCapture;
let schoolId: number;

const remind = (email: string, ip = IP) => requestUsernameReminder({ email, ip }, fast);

beforeAll(async () => {
  smtp = await startSmtpCapture();
  schoolId = (await createSchool(prisma)).id;
  // Two guardians sharing one family address (stored in different cases), a reset login on
  // the same address, and an unrelated parent.
  await createParentWithChild(prisma, schoolId, {
    firstName: "Thu",
    lastName: "Nguyễn",
    email: "Family.Nguyen@Example.com",
    preferredLocale: "vi",
    account: { username: "thu.nguyen" },
  });
  await createParentWithChild(prisma, schoolId, {
    firstName: "Minh",
    lastName: "Nguyễn",
    email: "family.nguyen@example.com",
    preferredLocale: "en",
    account: { username: "MinhN" },
  });
  await createParentWithChild(prisma, schoolId, {
    firstName: "Old",
    lastName: "Nguyễn",
    email: "family.nguyen@example.com",
    account: { username: "old.reset.login", status: "RESET" },
  });
  await createParentWithChild(prisma, schoolId, { firstName: "Sam", lastName: "Other", email: "sam@example.com", account: { username: "sam.o" } });
  await createParentWithChild(prisma, schoolId, { firstName: "No", lastName: "Login", email: "nologin@example.com" });
});
afterAll(async () => smtp.stop());
beforeEach(async () => {
  smtp.clear();
  await prisma.rateLimitBucket.deleteMany();
  await prisma.emailOutbox.deleteMany();
});

describe("Forgot Username", () => {
  it("mails every active username on the address, in the first contact's language first", async () => {
    expect(await remind("  FAMILY.nguyen@example.COM ")).toEqual({ status: "accepted" });
    expect(await processOutboxBatch({ transport: createSmtpTransport(smtp.url, { ignoreTLS: true }) })).toMatchObject({ sent: 1 });
    const [mail] = await smtp.waitForMessages(1);
    // To the address as the record holds it (mail software lower-cases the domain).
    expect(mail!.envelopeTo.map((to) => to.toLowerCase())).toEqual(["family.nguyen@example.com"]);
    expect((await prisma.emailOutbox.findFirstOrThrow()).toAddress).toBe("Family.Nguyen@Example.com");
    expect(mail!.subject).toBe("Tên người dùng Cổng Thông tin Phụ huynh của quý vị");
    expect(mail!.text).toContain("Tên người dùng: thu.nguyen, MinhN");
    expect(mail!.text).toContain("Usernames: thu.nguyen, MinhN");
    expect(mail!.text).not.toContain("old.reset.login");
    expect(mail!.text.indexOf("Tiếng Việt:")).toBeLessThan(mail!.text.indexOf("English:"));
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "parent.forgot-username" }, orderBy: { id: "desc" } });
    expect(audit.contactIds).toHaveLength(2);
    expect(audit.details).toEqual({ accountsMailed: 2 });
  });

  it("answers the same for an unknown address, an address without a login and a reset-only address, and mails nothing", async () => {
    const known = await remind("sam@example.com");
    expect(await prisma.emailOutbox.count()).toBe(1);
    for (const email of ["nobody@example.com", "nologin@example.com"]) expect(await remind(email)).toEqual(known);
    await prisma.parentAccount.updateMany({ where: { username: "sam.o" }, data: { status: "RESET" } });
    expect(await remind("sam@example.com")).toEqual(known);
    await prisma.parentAccount.updateMany({ where: { username: "sam.o" }, data: { status: "ACTIVE" } });
    expect(await prisma.emailOutbox.count()).toBe(1);
  });

  it("limits 5 requests per address per hour, the same for unknown addresses, then recovers", async () => {
    for (const email of ["sam@example.com", "nobody@example.com"]) {
      for (let i = 0; i < 5; i++) expect(await remind(email, `203.0.113.${i}`)).toEqual({ status: "accepted" });
      const limited = await remind(email.toUpperCase(), "203.0.113.77");
      expect(limited.status).toBe("rate_limited");
    }
    expect(await prisma.emailOutbox.count()).toBe(5);
    await prisma.rateLimitBucket.updateMany({ data: { windowStart: new Date(Date.now() - 2 * 3600_000) } });
    expect(await remind("sam@example.com", "203.0.113.1")).toEqual({ status: "accepted" });
  });

  it("limits 20 requests per IP per hour", async () => {
    for (let i = 0; i < 20; i++) expect(await remind(`person${i}@example.com`, "192.0.2.44")).toEqual({ status: "accepted" });
    expect((await remind("sam@example.com", "192.0.2.44")).status).toBe("rate_limited");
    expect(await prisma.emailOutbox.count()).toBe(0);
  });
});
