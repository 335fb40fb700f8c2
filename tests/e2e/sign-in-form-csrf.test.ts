// Login CSRF through the no-JavaScript sign-in (lib/auth/sign-in-with-credentials.ts runs
// next-auth in-process, so its CSRF token cannot guard it): a post from another site, a post
// with no Origin, and a foreign Origin with a client-sent X-Forwarded-Host (dropped by the
// portal server unless a trusted proxy sent it) sign nobody in; the same-origin post does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eBaseUrl, e2eDatabaseUrl } from "../helpers/e2e-server";
import { builtServerActions } from "../helpers/server-action-http";
import { registeredSecurityInfo } from "../helpers/staff-security-info";

process.env.DATABASE_URL = e2eDatabaseUrl();
const baseUrl = e2eBaseUrl();
const { prisma } = await import("@/lib/db");
const { hashSecret } = await import("@/lib/security/password-hash");
const ATTACKER = { email: `csrf-attacker-${Date.now().toString(36)}@riverside.example.org`, password: "the attacker's own staff passphrase" };

beforeAll(async () => {
  await prisma.staffUser.create({ data: { email: ATTACKER.email, name: "Mallory", role: "HELP_DESK", passwordHash: await hashSecret(ATTACKER.password), securityInfo: { create: registeredSecurityInfo() } } });
});
afterAll(async () => prisma.$disconnect());

/** The staff sign-in form's server action posted as a form would be, with the given headers. */
async function postSignIn(headers: Record<string, string>): Promise<string[]> {
  const action = builtServerActions().find((candidate) => candidate.name === "signInStaffFormAction")!;
  const form = new FormData();
  form.append("_1_email", ATTACKER.email);
  form.append("_1_password", ATTACKER.password);
  form.set("0", JSON.stringify([null, "$K1"]));
  const response = await fetch(new URL(action.pagePath, baseUrl), {
    method: "POST",
    headers: { "Next-Action": action.id, Accept: "text/x-component", ...headers },
    body: form,
    redirect: "manual",
  });
  await response.text();
  return response.headers.getSetCookie().filter((cookie) => /next-auth\.session-token=[^;]/.test(cookie));
}

describe("login CSRF through the no-JavaScript staff sign-in", () => {
  it("control: the same-origin post signs in", async () => {
    expect(await postSignIn({ Origin: new URL(baseUrl).origin })).toHaveLength(1);
  });

  it.each(["https://evil.example", "null"])("a post with Origin %s signs nobody in", async (origin) => {
    expect(await postSignIn({ Origin: origin })).toEqual([]);
  });

  it("a post without any Origin (older browsers, some privacy proxies) signs nobody in", async () => {
    expect(await postSignIn({})).toEqual([]);
  });

  it("a foreign Origin with a matching client-sent X-Forwarded-Host signs nobody in", async () => {
    expect(await postSignIn({ Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" })).toEqual([]);
  });
});
