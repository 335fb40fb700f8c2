// Folding makes name search case- and accent-insensitive: "Nguyễn" and "nguyen" fold to
// the same key, so a byte-wise (COLLATE "C") prefix match on the folded key finds both.

// Letters that Unicode does not decompose into base letter + combining mark.
const SPECIAL_LETTERS: Record<string, string> = {
  đ: "d",
  ð: "d",
  ø: "o",
  ł: "l",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  þ: "th",
  ı: "i",
};
const SPECIAL_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join("")}]`, "g");
const COMBINING_MARKS = /\p{M}/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc`´]/g;
const DASHES = /[\u2010-\u2015]/g;

// Most names are plain letters, spaces, hyphens and apostrophes: those fold by lower-casing and
// collapsing spaces, without the Unicode normalization (the roster import folds millions).
const PLAIN_NAME = /^[A-Za-z' -]*$/;

/** Lower case, accents removed, typographic apostrophes and dashes made plain, spaces collapsed. */
export function foldName(value: string): string {
  if (PLAIN_NAME.test(value)) {
    const lower = value.toLowerCase();
    return (lower.includes("  ") ? lower.replace(/ {2,}/g, " ") : lower).trim();
  }
  return value
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(SPECIAL_PATTERN, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(APOSTROPHES, "'")
    .replace(DASHES, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** Separates last and first name in the key; sorts before every printable character. */
export const KEY_SEPARATOR = "\u0001";

/** The grid's sort and search key: folded last name, then folded first name. */
export function parentSearchKey(lastName: string, firstName: string): string {
  return `${foldName(lastName)}${KEY_SEPARATOR}${foldName(firstName)}`;
}

// Anything but a letter or a digit: spaces, apostrophes, hyphens, dots, the key separator.
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

/**
 * The folded name with spaces and punctuation removed: "O'Brien", "o brien" and "OBrien" all
 * give "obrien", "Núñez-López" and "nunez lopez" both "nunezlopez". What people type on a phone
 * keyboard or spell over the phone, compared with what the SIS stored.
 */
export function compactName(value: string): string {
  return foldName(value).replace(NOT_LETTER_OR_DIGIT, "");
}
