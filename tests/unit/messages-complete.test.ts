// Every message key of the English catalogs exists, non-empty, in every other language,
// and ICU placeholders match, so no parent ever sees a missing or broken text.
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe("message catalogs", async () => {
  const english = flatten((await loadMessages("en")) as unknown as Tree);
  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`${locale} has every English key with the same placeholders`, async () => {
      const other = flatten((await loadMessages(locale)) as unknown as Tree);
      for (const [key, text] of english) {
        const translated = other.get(key);
        expect(translated, `${locale}: ${key}`).toBeTruthy();
        expect(placeholders(translated!), `${locale}: ${key}`).toEqual(placeholders(text));
      }
      expect([...other.keys()].filter((key) => !english.has(key))).toEqual([]);
    });
  }
});
