// Staff-domain addresses are refused as a parent's email, with the caller's translated message.
import { describe, expect, it } from "vitest";
import { assertPersonalEmail, isPersonalEmail, parentMailRecipient } from "@/lib/accounts/parent-email-policy";
import { ActionFailure } from "@/lib/actions/action-result";

const domains = ["district.org", "district.net"];

describe("parent email policy", () => {
  it("accepts personal addresses and refuses staff domains and their subdomains, in any case", () => {
    expect(isPersonalEmail("ana@gmail.com", domains)).toBe(true);
    expect(isPersonalEmail("ana@notdistrict.org", domains)).toBe(true);
    expect(isPersonalEmail("ana@district.org", domains)).toBe(false);
    expect(isPersonalEmail(" Ana@DISTRICT.NET ", domains)).toBe(false);
    expect(isPersonalEmail("ana@mail.district.org", domains)).toBe(false);
    expect(isPersonalEmail("ana@district.org", [])).toBe(true);
  });

  it("throws an invalid ActionFailure with the message on the field", () => {
    const message = "Se requiere un correo electrónico personal";
    expect(() => assertPersonalEmail("ana@gmail.com", domains, message)).not.toThrow();
    try {
      assertPersonalEmail("ana@district.org", domains, message, "contactEmail");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ActionFailure);
      expect(error).toMatchObject({ code: "invalid", message, fieldErrors: { contactEmail: [message] } });
    }
  });

  it("decides where credential mail may go: the trimmed address on record, never a staff or missing one", () => {
    expect(parentMailRecipient(" ana@gmail.com ", domains)).toEqual({ ok: true, email: "ana@gmail.com" });
    expect(parentMailRecipient("Ana@Mail.District.org", domains)).toEqual({ ok: false, reason: "staff_email_on_record" });
    expect(parentMailRecipient("  ", domains)).toEqual({ ok: false, reason: "no_email_on_record" });
    expect(parentMailRecipient(null, domains)).toEqual({ ok: false, reason: "no_email_on_record" });
    expect(parentMailRecipient(undefined, domains)).toEqual({ ok: false, reason: "no_email_on_record" });
  });
});
