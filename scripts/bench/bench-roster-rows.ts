// The benchmark district, one user at a time, as pure functions of a number: the bulk writer
// walks every family, the delta writer regenerates the few users it changes. The shapes and
// the name distribution are those of the former SQL generator, which the search figures depend
// on: families of one culture (en 40%, es 30%, vi 15%, ar 15%), two guardians (Mother, Father),
// 1 or 2 children (1.5 on average), so students : contacts : links = 3 : 4 : 6; surnames drawn
// with a squared draw (the common ones first); an English mother shares the family surname 85%
// of the time, the others keep their own.
import { asciiWord as foldToAscii } from "@/scripts/demo/build-demo-district";
import { CULTURE_ORDER, CULTURES, type Culture } from "@/scripts/demo/names";
import type { OrgRow, RoleRow, UserRow } from "@/scripts/demo/oneroster-csv";

const CULTURE_WEIGHTS = [0.4, 0.7, 0.85, 1]; // cumulative
const GRADES = ["KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];

const asciiCache = new Map<string, string>();
function asciiWord(name: string): string {
  let ascii = asciiCache.get(name);
  if (ascii === undefined) asciiCache.set(name, (ascii = foldToAscii(name)));
  return ascii;
}

/** A deterministic uniform draw in [0, 1) from a number and a salt (murmur3's finalizer). */
function u(n: number, salt: number): number {
  let h = (n * 64 + salt) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

// Short prefixed sourcedIds, as PowerSchool's exports write them (S/G + internal number):
// users.csv comes to ~115 bytes a row with agents listed both ways, as in real exports.
export const BENCH_DISTRICT_SOURCED_ID = "D1";
export const schoolSourcedId = (school: number) => `SCH${school}`;
export const studentSourcedId = (student: number) => `S${student}`;
export const contactSourcedId = (contact: number) => `G${contact}`;

export type BenchShape = { students: number; families: number; contacts: number; links: number; schools: number };

export function benchShape(students: number): BenchShape {
  const families = Math.floor(((students - 1) * 2) / 3) + 1;
  return { students, families, contacts: families * 2, links: students * 2, schools: Math.max(6, Math.ceil(students / 600)) };
}

type Family = { culture: Culture; last: string; motherLast: string; motherFirst: string; fatherFirst: string };

function familyOf(k: number): Family {
  const roll = u(k, 1);
  const culture = CULTURE_ORDER[CULTURE_WEIGHTS.findIndex((weight) => roll < weight)]!;
  const names = CULTURES[culture];
  const common = (a: number, b: number) => names.lastNames[Math.floor(names.lastNames.length * u(k, a) * u(k, b))]!;
  const last = common(2, 3);
  return {
    culture,
    last,
    motherLast: culture === "en" && u(k, 4) < 0.85 ? last : common(5, 6),
    motherFirst: names.femaleFirstNames[Math.floor(names.femaleFirstNames.length * u(k, 7))]!,
    fatherFirst: names.maleFirstNames[Math.floor(names.maleFirstNames.length * u(k, 8))]!,
  };
}

/** The family of student s (families alternate two children and one). */
export const familyOfStudent = (s: number) => Math.floor(((s - 1) * 2) / 3) + 1;

export function studentsOfFamily(k: number, shape: BenchShape): number[] {
  const first = Math.floor((3 * (k - 1)) / 2) + 1;
  return [first, first + 1, first + 2].filter((s) => s <= shape.students && familyOfStudent(s) === k);
}

/** Zero-padded, unique (7919 is prime to 10^8's factors), about one in nine starts with 0. */
export const studentNumberOf = (s: number) => String((s * 7919) % 90_000_000).padStart(8, "0");
export const schoolOfStudent = (s: number, shape: BenchShape) => 1 + Math.floor(shape.schools * u(s, 22));

export function studentRow(s: number, shape: BenchShape): UserRow {
  const family = familyOf(familyOfStudent(s));
  const names = CULTURES[family.culture].childFirstNames;
  const identifier = studentNumberOf(s);
  const k = familyOfStudent(s);
  return {
    sourcedId: studentSourcedId(s),
    username: `s${identifier}`,
    givenName: names[Math.floor(names.length * u(s, 20))]!,
    familyName: family.last,
    identifier,
    agentSourcedIds: [contactSourcedId(2 * k - 1), contactSourcedId(2 * k)],
    grades: [GRADES[Math.floor(GRADES.length * u(s, 21))]!],
    primaryOrgSourcedId: schoolSourcedId(schoolOfStudent(s, shape)),
  };
}

/** Contact 2k - 1 is family k's mother, 2k its father. */
export function contactRow(id: number, shape: BenchShape): UserRow {
  const k = Math.ceil(id / 2);
  const family = familyOf(k);
  const mother = id % 2 === 1;
  const first = mother ? family.motherFirst : family.fatherFirst;
  const last = mother ? family.motherLast : family.last;
  const email = u(id, 10) < 0.95 ? `${asciiWord(first)}.${asciiWord(last)}${id}@${id % 2 === 0 ? "example.com" : "example.net"}` : null;
  return {
    sourcedId: contactSourcedId(id),
    username: email ?? `${asciiWord(first)}.${asciiWord(last)}${id}`,
    givenName: first,
    familyName: last,
    email,
    phone: `555-${String(200 + (id % 800)).padStart(3, "0")}-${String(id % 10000).padStart(4, "0")}`,
    agentSourcedIds: studentsOfFamily(k, shape).map(studentSourcedId),
    relationship: mother ? "Mother" : "Father",
    language: family.culture === "en" || u(id, 11) < 0.25 ? "en" : family.culture,
  };
}

export function studentRole(s: number, shape: BenchShape): RoleRow {
  return { sourcedId: `RS${s}`, userSourcedId: studentSourcedId(s), role: "student", orgSourcedId: schoolSourcedId(schoolOfStudent(s, shape)) };
}

/** A parent's role sits at the school of the family's first child. */
export function contactRole(id: number, shape: BenchShape): RoleRow {
  const firstChild = studentsOfFamily(Math.ceil(id / 2), shape)[0]!;
  return { sourcedId: `RG${id}`, userSourcedId: contactSourcedId(id), role: "parent", orgSourcedId: schoolSourcedId(schoolOfStudent(firstChild, shape)) };
}

export function schoolRow(school: number): OrgRow {
  return { sourcedId: schoolSourcedId(school), name: `School ${school}`, type: "school", identifier: `S${String(school).padStart(4, "0")}`, parentSourcedId: BENCH_DISTRICT_SOURCED_ID };
}

/** The next grade up (12 stays 12): what a delta changes on a student. */
export const nextGrade = (grade: string) => GRADES[Math.min(GRADES.length - 1, GRADES.indexOf(grade) + 1)]!;

/** Another surname of the same list: what a delta changes on a contact's name. */
export function otherSurname(last: string): string {
  const list = CULTURE_ORDER.map((culture) => CULTURES[culture].lastNames).find((names) => names.includes(last))!;
  return list[(list.indexOf(last) + 1) % list.length]!;
}
