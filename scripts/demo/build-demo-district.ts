// Builds the demo district as plain records (no database): families of one culture each,
// 1-4 children, 1-4 guardians, so the grid shows parents with several children and
// children with several guardians. A seeded PRNG makes every run produce the same district.
import { parentSearchKey, foldName } from "@/lib/text/fold-name";
import { CULTURES, type Culture } from "./names";

export type Locale = "en" | "es" | "vi" | "ar";
export type Status = "ACTIVE" | "RESET" | "PENDING_PASSWORD_CHANGE";

export interface DemoSchool { id: number; code: string; name: string; grades: readonly string[] }
/** `family` numbers the household (1 = the demo parent's), for how the roster lists its links. */
export interface DemoStudent { id: number; family: number; studentNumber: string; firstName: string; lastName: string; grade: string; schoolId: number }
export interface DemoContact { id: number; family: number; firstName: string; lastName: string; email: string | null; phone: string | null; preferredLocale: Locale }
export interface DemoLink { studentId: number; contactId: number; relationship: string; parentKey: string }
export interface DemoAccount { contactId: number; username: string; status: Status }
export interface DemoDistrict { schools: DemoSchool[]; students: DemoStudent[]; contacts: DemoContact[]; links: DemoLink[]; accounts: DemoAccount[] }

/** mulberry32: tiny, fast, good enough for demo data, and reproducible from one seed. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  // Squaring the uniform draw favours the first (most common) entries of a list.
  const pickCommon = <T>(items: readonly T[]): T => items[Math.floor(next() * next() * items.length)] as T;
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of entries) if ((roll -= weight) < 0) return value;
    return entries[entries.length - 1]![0];
  };
  return { next, int, pick, pickCommon, weighted };
}

const ELEMENTARY = ["K", "1", "2", "3", "4", "5"];
const MIDDLE = ["6", "7", "8"];
const HIGH = ["9", "10", "11", "12"];

export const DEMO_SCHOOLS: DemoSchool[] = [
  { id: 1, code: "RES", name: "Riverside Elementary School", grades: ELEMENTARY },
  { id: 2, code: "LES", name: "Lincoln Elementary School", grades: ELEMENTARY },
  { id: 3, code: "CCE", name: "César Chávez Elementary School", grades: ELEMENTARY },
  { id: 4, code: "JMS", name: "Jefferson Middle School", grades: MIDDLE },
  { id: 5, code: "SMS", name: "Sunnyvale Middle School", grades: MIDDLE },
  { id: 6, code: "RHS", name: "Riverside High School", grades: HIGH },
];

export const DEMO_PARENT_USERNAME = "maria.garcia";
const PERSONAL_DOMAINS = ["example.com", "example.net", "mail.example.com", "example.org"];
const EXTRA_GUARDIANS = [["Grandmother", "f"], ["Grandfather", "m"], ["Aunt", "f"], ["Uncle", "m"], ["Stepmother", "f"], ["Stepfather", "m"], ["Guardian", "f"], ["Guardian", "m"]] as const;

/** Letters only, for usernames and e-mail local parts ("Nguyễn" -> "nguyen", "O'Brien" -> "obrien"). */
export function asciiWord(name: string): string {
  return foldName(name).replace(/[^a-z0-9]/g, "");
}

export function buildDemoDistrict(options: { targetStudents: number; staffDomain: string; seed?: number }): DemoDistrict {
  const random = createRandom(options.seed ?? 20260901);
  const students: DemoStudent[] = [];
  const contacts: DemoContact[] = [];
  const links: DemoLink[] = [];
  const accounts: DemoAccount[] = [];
  const studentNumbers = new Set<string>();
  const usernames = new Set<string>();
  let staffDomainEmails = 0;
  let family = 0;

  const studentNumber = () => {
    for (;;) {
      const digits = random.next() < 0.7 ? 6 : 7;
      // Seven characters, zero-padded: SIS ID numbers often start with 0 and must stay text.
      const value = String(random.int(10 ** (digits - 1), 10 ** digits - 1)).padStart(7, "0");
      if (!studentNumbers.has(value)) return studentNumbers.add(value), value;
    }
  };
  const username = (first: string, last: string) => {
    const style = random.int(0, 2);
    const base = style === 0 ? `${asciiWord(first).slice(0, 1)}${asciiWord(last)}` : style === 1 ? `${asciiWord(first)}.${asciiWord(last)}` : `${asciiWord(first)}${asciiWord(last)}`;
    let candidate = base;
    for (let n = 2; usernames.has(candidate); n++) candidate = `${base}${n}`;
    usernames.add(candidate);
    return candidate;
  };
  const addContact = (culture: Culture, first: string, last: string, sharedEmail?: string | null): DemoContact => {
    const localeOdds = { en: 1, es: 0.8, vi: 0.75, ar: 0.7 }[culture];
    let email: string | null = sharedEmail ?? null;
    if (email === null && random.next() < 0.93) {
      const inStaffDomain = staffDomainEmails < 6 && random.next() < 0.015;
      if (inStaffDomain) staffDomainEmails++;
      const suffix = random.next() < 0.4 ? String(random.int(1, 99)) : "";
      email = `${asciiWord(first)}.${asciiWord(last)}${suffix}@${inStaffDomain ? options.staffDomain : random.pick(PERSONAL_DOMAINS)}`;
    }
    const contact: DemoContact = {
      id: contacts.length + 1,
      family,
      firstName: first,
      lastName: last,
      email,
      phone: random.next() < 0.95 ? `555-${random.int(200, 999)}-${String(random.int(0, 9999)).padStart(4, "0")}` : null,
      preferredLocale: random.next() < localeOdds ? CULTURES[culture].locale : "en",
    };
    contacts.push(contact);
    if (random.next() < 0.88) {
      const status = random.weighted<Status>([["ACTIVE", 85], ["RESET", 10], ["PENDING_PASSWORD_CHANGE", 5]]);
      accounts.push({ contactId: contact.id, username: username(first, last), status });
    }
    return contact;
  };

  const addFamily = (culture: Culture, fixed?: { last: string; mother: string; father: string; children: string[] }) => {
    const names = CULTURES[culture];
    family += 1;
    const familyLast = fixed?.last ?? random.pickCommon(names.lastNames);
    const childCount = fixed?.children.length ?? random.weighted([[1, 60], [2, 27], [3, 9], [4, 4]]);
    const elementary = random.pick(DEMO_SCHOOLS.slice(0, 3));
    const middle = random.pick(DEMO_SCHOOLS.slice(3, 5));
    const firstNames = new Set<string>(fixed?.children ?? []);
    while (firstNames.size < childCount) firstNames.add(random.pick(names.childFirstNames));
    const kids = [...firstNames].map((first) => {
      const grade = random.pick([...ELEMENTARY, ...MIDDLE, ...HIGH]);
      const school = ELEMENTARY.includes(grade) ? elementary : MIDDLE.includes(grade) ? middle : DEMO_SCHOOLS[5]!;
      const student: DemoStudent = { id: students.length + 1, family, studentNumber: studentNumber(), firstName: first, lastName: familyLast, grade, schoolId: school.id };
      students.push(student);
      return student;
    });
    // Mothers keep their own surname in Spanish, Vietnamese and Arabic naming customs.
    const ownSurname = culture !== "en" ? random.next() < 0.8 : random.next() < 0.15;
    const motherLast = fixed ? familyLast : ownSurname ? random.pickCommon(names.lastNames) : familyLast;
    const shape = fixed ? "both" : random.weighted([["both", 74], ["mother", 14], ["father", 6], ["grandparent", 6]]);
    const guardians: [DemoContact, string][] = [];
    let mother: DemoContact | undefined;
    if (shape === "both" || shape === "mother") guardians.push([(mother = addContact(culture, fixed?.mother ?? random.pick(names.femaleFirstNames), motherLast)), "Mother"]);
    if (shape === "both" || shape === "father") {
      // Some couples share one family e-mail address, as SIS records often do.
      const shared = mother?.email && random.next() < 0.08 ? mother.email : undefined;
      guardians.push([addContact(culture, fixed?.father ?? random.pick(names.maleFirstNames), familyLast, shared), "Father"]);
    }
    const extras = shape === "grandparent" ? 1 : fixed ? 0 : random.weighted([[0, 40], [1, 45], [2, 15]]);
    for (let i = 0; i < extras; i++) {
      const [relationship, sex] = shape === "grandparent" && i === 0 ? (["Grandmother", "f"] as const) : random.pick(EXTRA_GUARDIANS);
      const first = random.pick(sex === "f" ? names.femaleFirstNames : names.maleFirstNames);
      const last = relationship.startsWith("Grand") && random.next() < 0.5 ? familyLast : random.pickCommon(names.lastNames);
      guardians.push([addContact(culture, first, last), relationship]);
    }
    for (const [contact, relationship] of guardians) {
      // An aunt or a step-parent is often on file for only some of the children.
      const children = relationship === "Mother" || relationship === "Father" || kids.length === 1 ? kids : kids.filter(() => random.next() < 0.6);
      for (const kid of children.length > 0 ? children : kids.slice(0, 1)) {
        links.push({ studentId: kid.id, contactId: contact.id, relationship, parentKey: parentSearchKey(contact.lastName, contact.firstName) });
      }
    }
  };

  // The first family is the one the printed demo parent credentials belong to.
  usernames.add(DEMO_PARENT_USERNAME);
  addFamily("es", { last: "García", mother: "María", father: "José", children: ["Sofía", "Mateo", "Valentina"] });
  const demoParent = contacts[0]!;
  Object.assign(demoParent, { email: "maria.garcia@example.com", preferredLocale: "es" });
  const demoAccount = { contactId: demoParent.id, username: DEMO_PARENT_USERNAME, status: "ACTIVE" as const };
  const existing = accounts.findIndex((account) => account.contactId === demoParent.id);
  if (existing >= 0) accounts[existing] = demoAccount;
  else accounts.unshift(demoAccount);
  // Names a help desk hears spelled differently over the phone (issue 10): each search kind
  // has a family to find ("obrien", "al amin", "dela", "cruz", "lopez", "berg").
  addFamily("es", { last: "García López", mother: "Ana", father: "Luis", children: ["Lucía"] });
  addFamily("es", { last: "De la Cruz", mother: "Rosa", father: "Miguel", children: ["Daniel", "Elena"] });
  addFamily("en", { last: "O'Brien", mother: "Siobhan", father: "Patrick", children: ["Liam"] });
  addFamily("ar", { last: "Al-Amin", mother: "Layla", father: "Omar", children: ["Yusuf"] });
  addFamily("en", { last: "Van der Berg", mother: "Emma", father: "Pieter", children: ["Noah"] });
  while (students.length < options.targetStudents) {
    addFamily(random.weighted<Culture>([["en", 40], ["es", 30], ["vi", 15], ["ar", 15]]));
  }
  return { schools: DEMO_SCHOOLS, students, contacts, links, accounts };
}
