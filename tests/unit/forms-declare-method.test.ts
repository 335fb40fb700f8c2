// A <form> without a method is sent by GET when submitted before its scripts run: every field,
// passwords included, lands in the URL (history, proxies, server logs). So every form in app/
// and components/ states how it is sent: method="post" / method="get" (search forms), a
// server-action `action={...}` (React posts it), or useActionForm's `{...form.formProps}`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

/** Each `<form ...>` opening tag of a file (attributes may span lines and hold `{...}` expressions). */
function formTags(text: string): string[] {
  const tags: string[] = [];
  for (const match of text.matchAll(/<form[\s>]/g)) {
    let depth = 0;
    let end = match.index! + 5;
    for (; end < text.length; end++) {
      const char = text[end];
      if (char === "{") depth++;
      else if (char === "}") depth--;
      else if (char === ">" && depth === 0) break;
    }
    tags.push(text.slice(match.index!, end + 1));
  }
  return tags;
}

const STATES_HOW_SENT = [/\smethod=["'{]/, /\{\.\.\.\w+\.formProps\}/, /\saction=\{(?!\s*["'`])/];

describe("forms say how they are sent", () => {
  it("has no <form> that a browser would send by GET by default", () => {
    const files = [...sourceFiles("app"), ...sourceFiles("components")];
    const tags = files.flatMap((file) => formTags(readFileSync(file, "utf8")).map((tag) => ({ file, tag })));
    expect(tags.length).toBeGreaterThan(5);
    const unstated = tags.filter(({ tag }) => !STATES_HOW_SENT.some((pattern) => pattern.test(tag))).map(({ file, tag }) => `${file}: ${tag.replace(/\s+/g, " ")}`);
    expect(unstated).toEqual([]);
  });
});
