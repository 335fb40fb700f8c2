// Audit action names the filter offers even before any such event exists. The trail may
// hold others (features add their own); the page merges in what the table contains.
export const KNOWN_AUDIT_ACTIONS = [
  "parent.reset",
  "parent.reset.over-cap",
  "parent.reset.over-budget",
  "parent.register",
  "parent.register.failed",
  "parent.sign-in",
  "parent.sign-in.failed",
  "parent.password.change",
  "parent.forgot-username",
  "parent.forgot-password.request",
  "parent.forgot-password.complete",
  "staff.sign-in",
  "staff.sign-in.failed",
  "staff.sign-in.rate-limited",
  "staff.sign-in.locked",
  "staff.sign-in-lock.clear",
  "staff.passphrase.change",
  "staff.passphrase.change-failed",
  "parent.sign-in.locked",
  "staff.create",
  "staff.disable",
  "staff.enable",
  "staff.role-change",
  "staff.setup-link.send",
  "staff.passphrase.setup",
  "settings.update",
  "audit.export",
  "retention.run",
  "roster.upload",
  "roster.apply",
] as const;

/** Shape of every action name we write: lower-case dotted words. */
export const AUDIT_ACTION_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,63}$/;
