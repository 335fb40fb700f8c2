// Builds grid rows in a test database: a school, students, contacts, their links (with the
// folded parentKey the app keeps) and optional parent logins.
import { randomInt } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AccountStatus, Locale } from "@/lib/generated/prisma/enums";
import { parentSearchKey } from "@/lib/text/fold-name";

type Db = Pick<PrismaClient, "school" | "student" | "contact" | "studentContact" | "parentAccount">;

let sequence = 0;
const next = () => ++sequence;

export async function createSchool(db: Db, name = `School ${next()}`) {
  return db.school.create({ data: { code: `S${next()}-${Math.random().toString(36).slice(2, 8)}`, name } });
}

export async function createStudent(db: Db, schoolId: number, data: { firstName?: string; lastName?: string; grade?: string } = {}) {
  const n = next();
  return db.student.create({
    data: {
      // Files sharing a database (the browser tests' server) each count from 1: the random part
      // keeps their students apart (three digits collided once in a full run).
      studentNumber: `${100000 + n}${String(randomInt(1_000_000)).padStart(6, "0")}`,
      firstName: data.firstName ?? `Kid${n}`,
      lastName: data.lastName ?? `Family${n}`,
      grade: data.grade ?? String((n % 12) + 1),
      schoolId,
    },
  });
}

export interface ParentSpec {
  firstName: string;
  lastName: string;
  email?: string | null;
  preferredLocale?: Locale;
  /** Omit for a contact without a parent login. */
  account?: { username: string; status?: AccountStatus; passwordHash?: string | null };
}

/** A contact linked to each of the given students; returns the contact and its link rows. */
export async function createParent(db: Db, spec: ParentSpec, studentIds: number[], relationship = "Mother") {
  const contact = await db.contact.create({
    data: {
      firstName: spec.firstName,
      lastName: spec.lastName,
      email: spec.email === undefined ? `${spec.firstName}.${spec.lastName}.${next()}@example.com`.toLowerCase() : spec.email,
      preferredLocale: spec.preferredLocale ?? "en",
    },
  });
  const links = [];
  for (const studentId of studentIds) {
    links.push(
      await db.studentContact.create({
        data: { studentId, contactId: contact.id, relationship, parentKey: parentSearchKey(spec.lastName, spec.firstName) },
      }),
    );
  }
  const account = spec.account
    ? await db.parentAccount.create({
        data: {
          contactId: contact.id,
          username: spec.account.username,
          usernameKey: spec.account.username.toLowerCase(),
          status: spec.account.status ?? "ACTIVE",
          passwordHash: spec.account.passwordHash === undefined ? "$argon2id$placeholder" : spec.account.passwordHash,
        },
      })
    : null;
  return { contact, links, account };
}

/** A parent with one new child of their own, in one call. */
export async function createParentWithChild(db: Db, schoolId: number, spec: ParentSpec, child: { firstName?: string; lastName?: string } = {}) {
  const student = await createStudent(db, schoolId, { lastName: child.lastName ?? spec.lastName, firstName: child.firstName });
  const created = await createParent(db, spec, [student.id]);
  return { ...created, student, link: created.links[0]! };
}
