// What the second step says, shared by the form and its server action.
export const SECOND_STEP_MESSAGES = {
  missing: "Enter the 6-digit code from your authenticator app, or a recovery code.",
  invalid: "That code is not right. Check your authenticator app and try again.",
  cooling_off: "Too many wrong codes. Two-step sign-in is paused for 15 minutes for this account; your passphrase still works.",
  passkey_failed: "The passkey could not be used. Try again, or enter a code instead.",
  unavailable: "Signing in is not possible right now. Please try again.",
} as const;
