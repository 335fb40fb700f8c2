// What the second step says, shared by the form and its server action.
export const SECOND_STEP_MESSAGES = {
  missing: "Enter the 6-digit code from your authenticator app, or a recovery code.",
  invalid: "That code is not right. Check your authenticator app and try again.",
  cooling_off:
    "Too many wrong codes. Two-step sign-in is paused for this account (the e-mail we sent you says why); your passphrase still works. If it stays paused, use Forgot passphrase or ask a site admin.",
  passkey_failed: "The passkey could not be used. Try again, or enter a code instead.",
  unavailable: "Signing in is not possible right now. Please try again.",
} as const;
