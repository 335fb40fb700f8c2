// Phone numbers as the SMS provider wants them: E.164 (+ country code, up to 15 digits). A
// 10-digit number without a country code is taken as North American (+1), the districts'
// home; anything else must be typed with its + prefix.
const E164 = /^\+[1-9]\d{7,14}$/;

/** The E.164 form of what a person typed, or null when it is not a phone number. */
export function toE164(typed: string): string | null {
  const trimmed = typed.trim();
  const digits = trimmed.replace(/[\s().\-]/g, "");
  if (/[^+\d]/.test(digits)) return null;
  if (digits.startsWith("+")) return E164.test(digits) ? digits : null;
  if (/^\d{10}$/.test(digits)) return `+1${digits}`;
  if (/^1\d{10}$/.test(digits)) return `+${digits}`;
  return null;
}

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** Shown instead of the number: only the last two digits, e.g. "+1 ••• ••• ••23". */
export function maskPhone(e164: string): string {
  const last = e164.slice(-2);
  return e164.startsWith("+1") && e164.length === 12 ? `+1 ••• ••• ••${last}` : `+•• •••• ••${last}`;
}
