// The page's rows for a word of compound last names ("hassan": Al-Hassan, El-Hassan) in name
// order. A common word matches tens of thousands of rows at 2M links; read as one range of the
// word indexes and sorted, every match is fetched first (25-80 ms for "hassan"). But a word key
// (the word and the first name after it: parent_word_keys) is a stretch of its index already in
// name order, and a prefix covers few of them, so the page is read key by key, a page at most
// from each (the keys found by skipping from one to the next), and merged. A prefix covering
// many keys (a short, common one) is read as one range, as before.
import { Prisma } from "@/lib/generated/prisma/client";
import { INDEXED_NAME_WORDS, nameWordKey, startsWith } from "@/lib/parents/search-probe-sql";

/** Above this many word keys in a position's range, one key at a time costs more than the range. */
export const WORD_KEYS_READ_IN_ORDER = 64;

export interface WordBranch {
  value: string;
  rank: number;
  /** The keyset condition on (sc."nameKey", sc.id), or empty. */
  after: Prisma.Sql;
  dir: Prisma.Sql;
  /** A literal (Prisma.raw). */
  limit: Prisma.Sql;
}

function positionInNameOrder(position: number, { value, rank, after, dir, limit }: WordBranch): Prisma.Sql {
  const word = nameWordKey(position);
  // The word indexes' own predicate: rows in the roster with a word at this position.
  const indexed = Prisma.sql`sc."removedAt" IS NULL AND ${word} IS NOT NULL`;
  const matching = Prisma.sql`${indexed} AND ${startsWith(word, value)}`;
  const order = Prisma.sql`sc."nameKey" ${dir}, sc.id ${dir}`;
  const fewKeys = Prisma.sql`(SELECT count(*) FROM words) <= ${WORD_KEYS_READ_IN_ORDER}`;
  // OFFSET 0 keeps the planner from walking the name index hoping to meet the range's rows.
  return Prisma.sql`SELECT * FROM (
    WITH RECURSIVE walk(word) AS (
      SELECT min(${word}) FROM "StudentContact" sc WHERE ${matching}
      UNION ALL
      SELECT (SELECT min(${word}) FROM "StudentContact" sc WHERE ${matching} AND ${word} > walk.word)
      FROM walk WHERE walk.word IS NOT NULL
    ), words AS (SELECT word FROM walk WHERE word IS NOT NULL LIMIT ${WORD_KEYS_READ_IN_ORDER + 1})
    SELECT page.* FROM words CROSS JOIN LATERAL (
      SELECT sc.id, sc."nameKey" AS k0, ${rank}::int AS rank FROM "StudentContact" sc
      WHERE ${indexed} AND ${word} = words.word ${after}
      ORDER BY ${order} LIMIT ${limit}
    ) AS page
    WHERE ${fewKeys}
    UNION ALL
    (SELECT * FROM (SELECT sc.id, sc."nameKey" AS k0, ${rank}::int AS rank FROM "StudentContact" sc
      WHERE ${matching} ${after} OFFSET 0) AS sc
     WHERE NOT ${fewKeys} ORDER BY k0 ${dir}, id ${dir} LIMIT ${limit})
  ) AS word_branch`;
}

/** One branch per indexed word position, each giving (id, k0 = name key, rank). */
export function wordBranchesInNameOrder(branch: WordBranch): Prisma.Sql[] {
  return Array.from({ length: INDEXED_NAME_WORDS }, (_, index) => positionInNameOrder(index + 1, branch));
}
