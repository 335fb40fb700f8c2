// Keyset cursors for the default order ("parentKey", id): the position of a row, plus
// whether the next page lies after it or before it (the "previous" link).
import { z } from "zod";

export interface KeysetCursor {
  key: string;
  id: number;
  direction: "after" | "before";
}

const cursorSchema = z.object({
  k: z.string().max(400),
  i: z.number().int().positive(),
  d: z.enum(["a", "b"]),
});

export function encodeCursor(cursor: KeysetCursor): string {
  const payload = { k: cursor.key, i: cursor.id, d: cursor.direction === "after" ? "a" : "b" };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** The cursor, or null when it is malformed (a tampered link just starts at page 1). */
export function decodeCursor(value: string | undefined): KeysetCursor | null {
  if (!value) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    return { key: parsed.data.k, id: parsed.data.i, direction: parsed.data.d === "a" ? "after" : "before" };
  } catch {
    return null;
  }
}
