import type { UserKind } from "./roster-records";

const ROLES_1_1 = ["administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher"];
const ROLES_1_2 = [
  "aide", "counselor", "districtAdministrator", "guardian", "parent", "principal", "proctor", "relative",
  "siteAdministrator", "student", "systemAdministrator", "teacher",
];

/** The kind for a role value, or null for a value the version does not define (a row error). */
export function kindOfRole(role: string, version: "1.1" | "1.2"): UserKind | null {
  const known = version === "1.1" ? ROLES_1_1 : ROLES_1_2;
  if (!known.includes(role)) return version === "1.2" && /^ext:\S+$/.test(role) ? "other" : null;
  if (role === "student" || role === "parent" || role === "guardian" || role === "relative") return role;
  return "other";
}

// A 1.2 user may hold several roles; the one that matters to us wins (a teacher who is also a
// parent is a contact; a student is a student whatever else).
const RANK: Record<UserKind, number> = { other: 1, relative: 2, guardian: 3, parent: 4, student: 5 };
const BY_RANK: UserKind[] = ["other", "other", "relative", "guardian", "parent", "student"];

export function kindRank(kind: UserKind): number {
  return RANK[kind];
}

export function kindOfRank(rank: number): UserKind | null {
  return rank > 0 ? (BY_RANK[rank] ?? null) : null;
}
