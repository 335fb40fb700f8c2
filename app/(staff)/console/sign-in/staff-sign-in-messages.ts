// What the staff sign-in says, shared by the scripted form and its no-script server action.
export const STAFF_SIGN_IN_MESSAGES = {
  missing: "Enter your e-mail address and password.",
  invalid: "The e-mail address or password is not correct.",
  rate_limited: "Too many sign-in attempts. Please wait a few minutes and try again.",
  unavailable: "Signing in is not possible right now. Please try again.",
} as const;
