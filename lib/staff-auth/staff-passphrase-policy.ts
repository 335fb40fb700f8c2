// The staff passphrase rule for a setup link: the district's minimum length
// (DistrictSettings.staffPassphraseMinLength), the common-password blocklist, not the
// e-mail address. Console text is English.
import { checkPassword, PASSWORD_MAX_LENGTH } from "@/lib/accounts/password-policy";

export function staffPassphraseProblems(passphrase: string, options: { minLength: number; email: string }): string[] {
  const localPart = options.email.split("@")[0] ?? "";
  const violations = new Set([
    ...checkPassword(passphrase, { minLength: options.minLength, username: options.email }),
    ...checkPassword(passphrase, { minLength: options.minLength, username: localPart }),
  ]);
  return [...violations].map((violation) => {
    switch (violation) {
      case "too_short":
        return `Use at least ${options.minLength} characters; several words are easiest.`;
      case "too_long":
        return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
      case "same_as_username":
        return "Do not use your e-mail address.";
      case "common":
        return "This passphrase is too common. Choose another.";
    }
  });
}
