// Keyset cursors for every order of the grid: the sort values of a row (the sort column's key,
// then the name key; the name key alone for the default order) and its id, plus whether the
// next page lies after it or before it (the "previous" link). A cursor names its order, so a
// link whose sort was changed by hand starts at page 1 instead of jumping somewhere.
import { z } from "zod";

export interface KeysetCursor {
  /** The order the cursor belongs to, e.g. "school:desc". */
  order: string;
  keys: string[];
  id: number;
  direction: "after" | "before";
}

const cursorSchema = z.object({
  o: z.string().max(40),
  k: z.array(z.string().max(400)).min(1).max(2),
  i: z.number().int().positive(),
  d: z.enum(["a", "b"]),
});

export function encodeCursor(cursor: KeysetCursor): string {
  const payload = { o: cursor.order, k: cursor.keys, i: cursor.id, d: cursor.direction === "after" ? "a" : "b" };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/** The cursor for this order, or null when it is malformed or for another order (page 1). */
export function decodeCursor(value: string | undefined, order: string): KeysetCursor | null {
  if (!value) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.o !== order) return null;
    return { order, keys: parsed.data.k, id: parsed.data.i, direction: parsed.data.d === "a" ? "after" : "before" };
  } catch {
    return null;
  }
}
