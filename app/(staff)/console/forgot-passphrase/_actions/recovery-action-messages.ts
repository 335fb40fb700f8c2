// The generic answers of the "Get back into your account" actions (console: English).
export const RECOVERY_MESSAGES = {
  invalid: "Some fields need attention.",
  error: "Something went wrong. Nothing was changed; please try again.",
};

export const EXPIRED_MESSAGE = "This attempt has expired (15 minutes) or was finished. Start again.";
export const NOT_VERIFIED_MESSAGE = "We couldn't verify you with that. Check it and try again, or contact the help desk.";

export const tryLaterMessage = (seconds: number) => `Too many attempts from this network. Try again in ${Math.max(1, Math.ceil(seconds / 60))} minutes.`;
