// The `students` claim (a parent's linked children) is released from userinfo only, never in
// the ID token (review Low 7): apps send ID tokens back as id_token_hint in logout URLs, which
// end up in logs and browser history.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { findOidcAccount } from "@/lib/oidc/account";
import { createParentWithChild, createSchool } from "../helpers/parent-fixtures";

describe("the students claim", () => {
  it("is in userinfo and not in the ID token, even with the students scope granted", async () => {
    const school = await createSchool(prisma, "Claims Elementary");
    const { account, student } = await createParentWithChild(prisma, school.id, { firstName: "Cla", lastName: "Ims", account: { username: "claims.parent" } });
    const found = (await findOidcAccount(undefined as never, account!.oidcSubject))!;
    const scope = "openid profile students";
    const idToken = await found.claims("id_token", scope, {}, []);
    const userinfo = await found.claims("userinfo", scope, {}, []);
    expect(idToken).toMatchObject({ sub: account!.oidcSubject, given_name: "Cla" });
    expect(idToken).not.toHaveProperty("students");
    expect(userinfo.students).toEqual([expect.objectContaining({ student_number: student.studentNumber, school: "Claims Elementary" })]);
  });
});
