// The condition on StudentContact (alias sc) for each search probe. Each one is a range or an
// equality on its own index: the name key and word keys on StudentContact itself, student ID,
// e-mail, username and phone through the one row they name (then the link's student or contact
// index). Conditions must stay as written: they repeat the partial indexes' predicates, and
// `= ANY(ARRAY(...))` makes the few ids one lookup done first: as `IN (subquery)` the planner
// may walk the whole grid in order, probing each row's contact (seconds at 2M rows).
import { Prisma } from "@/lib/generated/prisma/client";
import type { SearchProbe } from "@/lib/parents/search-probes";

/** How many words of a compound last name after the first have an index (migration 20261126180000). */
export const INDEXED_NAME_WORDS = 3;

export function rosterStateSql(removed: boolean): Prisma.Sql {
  return removed ? Prisma.sql`sc."removedAt" IS NOT NULL` : Prisma.sql`sc."removedAt" IS NULL`;
}

/** The probe's condition; the word probe ORs one range per indexed word position (a BitmapOr). */
export function probeCondition(probe: SearchProbe): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(probeConditions(probe), " OR ")})`;
}

/**
 * Keys starting with `value`, as a range of a C-collated btree. (As `LIKE 'value%'` the planner
 * needs the pattern's text to find the range, so a plan could not be made once for every value;
 * see sqlRows' preparedAs.) In C order every key starting with `value` sorts before `value`
 * followed by U+10FFFF, the last code point, a noncharacter no real name holds.
 */
export function startsWith(key: Prisma.Sql, value: string): Prisma.Sql {
  return Prisma.sql`(${key} >= ${value}::text AND ${key} < ${value + LAST_CODE_POINT}::text)`;
}

const LAST_CODE_POINT = "\u{10FFFF}";

/** The key of a compound last name's later word at `position` (1-based), as its index has it. */
export function nameWordKey(position: number): Prisma.Sql {
  return Prisma.raw(`sc."nameWordKeys"[${position}]`);
}

/** The probe's conditions, one per index range it reads (joined with OR, they are the probe's). */
export function probeConditions(probe: SearchProbe): Prisma.Sql[] {
  switch (probe.kind) {
    case "name":
      return [startsWith(Prisma.sql`sc."nameKey"`, probe.value)];
    case "lastNameWord":
      return Array.from({ length: INDEXED_NAME_WORDS }, (_, index) => startsWith(nameWordKey(index + 1), probe.value));
    case "studentNumber":
      return [Prisma.sql`sc."studentId" = ANY(ARRAY(SELECT s.id FROM "Student" s WHERE s."studentNumber" = ${probe.value}))`];
    case "email":
      return [Prisma.sql`sc."contactId" = ANY(ARRAY(SELECT c.id FROM "Contact" c WHERE lower(c.email) = ${probe.value}))`];
    case "username":
      return [Prisma.sql`sc."contactId" = ANY(ARRAY(SELECT pa."contactId" FROM "ParentAccount" pa WHERE pa."usernameKey" = ${probe.value}))`];
    case "phone":
      return [
        Prisma.sql`sc."contactId" = ANY(ARRAY(SELECT c.id FROM "Contact" c WHERE c.phone IS NOT NULL
          AND ${startsWith(Prisma.sql`reverse(regexp_replace(c.phone, '[^0-9]', '', 'g')) COLLATE "C"`, probe.value)}))`,
      ];
  }
}
