// The typed records the reading half hands to the staging/merge half. Nothing here touches the
// database: a reader yields these one at a time, so a 2M-row users.csv never sits in memory.
//
// Contract for the consumer (staging with COPY, set-based merge):
// - Identity is `sourcedId` (OneRoster GUID: any string < 256 chars, never parse it as a UUID).
// - `status` is already normalized: `active`, or `removed` for `tobedeleted` and legacy `inactive`.
//   In a bulk file rows are normally `active`; what is missing from a bulk file is NOT reported
//   here, the merge derives it (bulk = whole truth for the entity, `RosterFileInfo.mode`).
// - `dateLastModified` is set for delta rows (required there) and null for bulk rows.
// - Rejected rows never come out; they are in the report with file, line, column and reason.
// - `line` is the physical line (1 = header) where the row starts, for messages the merge adds
//   (e.g. a link to an id that does not exist).

export type RosterVersion = "1.1" | "1.2" | "1.2.1";
export type RosterMode = "bulk" | "delta";
export type RosterStatus = "active" | "removed";

/** The kind of a user as far as we care: students, the three family roles, everyone else. */
export type UserKind = "student" | "parent" | "guardian" | "relative" | "other";
export const FAMILY_KINDS: readonly UserKind[] = ["parent", "guardian", "relative"];

export type ContactLanguage = "en" | "es" | "vi" | "ar";
export const CONTACT_LANGUAGES: readonly ContactLanguage[] = ["en", "es", "vi", "ar"];

/** An org of type `school` from orgs.csv (districts and other org types are not yielded). */
export type RosterSchool = {
  sourcedId: string;
  name: string;
  /** Human-readable code (NCES or state number), null when blank. */
  identifier: string | null;
  /** Usually the district's sourcedId; null when blank. */
  parentSourcedId: string | null;
  status: RosterStatus;
  dateLastModified: Date | null;
  line: number;
};

/** One row of users.csv, with its kind resolved (1.1: `role` column; 1.2: joined from roles.csv). */
export type RosterUser = {
  sourcedId: string;
  /**
   * null only in a 1.2 delta whose roles.csv carries no row for this user: the role did not
   * change, so the merge keeps the stored kind (a user it has never seen with a null kind is
   * unusable and should be reported by the merge).
   */
  kind: UserKind | null;
  givenName: string;
  familyName: string;
  middleName: string | null;
  email: string | null;
  phone: string | null;
  sms: string | null;
  /** CEDS codes as written (`09` stays `09`), de-duplicated. */
  grades: string[];
  /** 1.1: `orgSourcedIds`; 1.2: every `orgSourcedId` of the user's roles. May name districts. */
  orgSourcedIds: string[];
  /** This user's side of the links; the merge must union both sides and drop non family pairs. */
  agentSourcedIds: string[];
  /** Students only: the student ID number per the district setting, text, leading zeros kept. */
  studentNumber: string | null;
  /** `metadata.relationship` when the column exists and the value is not blank. */
  relationship: string | null;
  /** `metadata.language` when present and one of en/es/vi/ar (else null plus a warning). */
  language: ContactLanguage | null;
  status: RosterStatus;
  dateLastModified: Date | null;
  line: number;
};

/** What the manifest says about one data file. */
export type RosterFileInfo = { name: string; mode: RosterMode | "absent" };
