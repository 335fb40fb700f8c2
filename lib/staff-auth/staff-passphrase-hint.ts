// The words every staff passphrase form shows (client-safe: no imports), with the seed's
// example of a passphrase, a simple sentence with punctuation.
export const STAFF_PASSPHRASE_EXAMPLE = "What a wonderful day!";

export function staffPassphraseHint(minLength: number): string {
  return `Use a passphrase: a simple sentence of at least ${minLength} characters, such as "${STAFF_PASSPHRASE_EXAMPLE}". Spaces and punctuation are welcome; no other rules. It must not be a common password or contain your e-mail name or the district's name.`;
}
