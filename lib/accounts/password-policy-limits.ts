// The policy's numbers alone, safe to import in browser code (password-policy.ts reads a file).
export const DEFAULT_PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
