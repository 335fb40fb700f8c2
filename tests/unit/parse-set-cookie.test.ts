import { describe, expect, it } from "vitest";
import { parseSetCookie } from "@/lib/auth/parse-set-cookie";

describe("parseSetCookie", () => {
  it("reads next-auth's session cookie with every attribute", () => {
    const cookie = parseSetCookie("__Secure-next-auth.session-token=eyJhbGciOi.x.y; Path=/; Expires=Fri, 26 Dec 2026 08:00:00 GMT; HttpOnly; Secure; SameSite=Lax");
    expect(cookie).toEqual({
      name: "__Secure-next-auth.session-token",
      value: "eyJhbGciOi.x.y",
      path: "/",
      expires: new Date("2026-12-26T08:00:00Z"),
      httpOnly: true,
      secure: true,
      sameSite: "lax",
    });
  });

  it("decodes an encoded value and keeps '=' inside it", () => {
    expect(parseSetCookie("next-auth.csrf-token=abc%7Cdef==; Max-Age=60").value).toBe("abc|def==");
    expect(parseSetCookie("next-auth.csrf-token=abc%7Cdef==; Max-Age=60").maxAge).toBe(60);
  });
});
