// Writes the benchmark district as a OneRoster 1.2 bulk package (a folder: manifest, orgs,
// users, roles), streamed family by family so that 2,333,334 users never sit in memory, and a
// delta package of changed users. Links are listed from both sides (as PowerSchool exports do).
// Standalone: npx tsx scripts/bench/generate-roster-csv.ts <folder> [--students N]
import { once } from "node:events";
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { manifestCsv, orgLine, orgsHeader, roleLine, rolesHeader, userLine, usersHeader, type UserRow } from "@/scripts/demo/oneroster-csv";
import {
  BENCH_DISTRICT_SOURCED_ID, benchShape, contactRole, contactRow, nextGrade, otherSurname, schoolRow, studentRole, studentRow,
  studentsOfFamily, type BenchShape,
} from "./bench-roster-rows";

const CHUNK_CHARS = 1 << 20;

/** Buffers lines into ~1 MB chunks and waits for the disk when the stream asks it to. */
class LineWriter {
  private chunk = "";
  private readonly stream: WriteStream;

  constructor(file: string) {
    this.stream = createWriteStream(file);
  }

  async write(text: string) {
    this.chunk += text;
    if (this.chunk.length >= CHUNK_CHARS) await this.flush();
  }

  private async flush() {
    const chunk = this.chunk;
    this.chunk = "";
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close() {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }
}

export type GeneratedRoster = BenchShape & { folder: string; users: number; roles: number; seconds: number };

export async function generateRosterCsv(folder: string, students: number, log: (line: string) => void = () => {}): Promise<GeneratedRoster> {
  const started = Date.now();
  const shape = benchShape(students);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "manifest.csv"), manifestCsv({ orgs: "bulk", users: "bulk", roles: "bulk" }, "Benchmark SIS"));
  let orgs = orgsHeader() + orgLine({ sourcedId: BENCH_DISTRICT_SOURCED_ID, name: "Benchmark Unified School District", type: "district" });
  for (let school = 1; school <= shape.schools; school++) orgs += orgLine(schoolRow(school));
  writeFileSync(path.join(folder, "orgs.csv"), orgs);

  const users = new LineWriter(path.join(folder, "users.csv"));
  const roles = new LineWriter(path.join(folder, "roles.csv"));
  await users.write(usersHeader());
  await roles.write(rolesHeader());
  const step = Math.max(1, Math.floor(shape.families / 10));
  for (let k = 1; k <= shape.families; k++) {
    for (const s of studentsOfFamily(k, shape)) {
      await users.write(userLine(studentRow(s, shape)));
      await roles.write(roleLine(studentRole(s, shape)));
    }
    for (const id of [2 * k - 1, 2 * k]) {
      await users.write(userLine(contactRow(id, shape)));
      await roles.write(roleLine(contactRole(id, shape)));
    }
    if (k % step === 0) log(`  ${Math.round((k / shape.families) * 100)}% of families written`);
  }
  await Promise.all([users.close(), roles.close()]);
  const count = shape.students + shape.contacts;
  return { ...shape, folder, users: count, roles: count, seconds: (Date.now() - started) / 1000 };
}

export type DeltaPlan = { grades: number; phones: number; surnames: number; emails: number };

/** 40% students moved up a grade; contacts: 30% new phone, 20% new surname, 10% new e-mail. */
export function planDelta(changedUsers: number): DeltaPlan {
  const grades = Math.round(changedUsers * 0.4);
  const phones = Math.round(changedUsers * 0.3);
  const surnames = Math.round(changedUsers * 0.2);
  return { grades, phones, surnames, emails: changedUsers - grades - phones - surnames };
}

/** Evenly spread picks 1..total, `count` of them. */
function spread(count: number, total: number, offset = 0): number[] {
  return Array.from({ length: count }, (_, j) => 1 + ((Math.floor((j * total) / count) + offset) % total));
}

/**
 * A delta package (users and roles as delta, orgs absent) of `changedUsers` users of the
 * district `students` describes, each with one real change; their roles come along unchanged
 * (a 1.2 delta users.csv needs its roles.csv). Every row keeps its agentSourcedIds, so no link moves.
 */
export async function generateRosterDelta(folder: string, students: number, changedUsers: number, at = new Date()): Promise<DeltaPlan> {
  const shape = benchShape(students);
  const plan = planDelta(changedUsers);
  const lifecycle = { status: "active" as const, dateLastModified: at.toISOString() };
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "manifest.csv"), manifestCsv({ users: "delta", roles: "delta" }, "Benchmark SIS"));
  const users = new LineWriter(path.join(folder, "users.csv"));
  const roles = new LineWriter(path.join(folder, "roles.csv"));
  await users.write(usersHeader());
  await roles.write(rolesHeader());
  const emit = async (row: UserRow, role: ReturnType<typeof studentRole>) => {
    await users.write(userLine({ ...row, ...lifecycle }));
    await roles.write(roleLine({ ...role, ...lifecycle }));
  };
  for (const s of spread(plan.grades, shape.students)) {
    const row = studentRow(s, shape);
    await emit({ ...row, grades: row.grades!.map(nextGrade).map((grade, i) => (grade === row.grades![i] ? "KG" : grade)) }, studentRole(s, shape));
  }
  const contacts = spread(plan.phones + plan.surnames + plan.emails, shape.contacts);
  for (const [j, id] of contacts.entries()) {
    const row = contactRow(id, shape);
    const changed: UserRow =
      j < plan.phones ? { ...row, phone: `555-100-${String(j % 10000).padStart(4, "0")}` }
      : j < plan.phones + plan.surnames ? { ...row, familyName: otherSurname(row.familyName) }
      : { ...row, email: `changed.${id}@example.org` };
    await emit(changed, contactRole(id, shape));
  }
  await Promise.all([users.close(), roles.close()]);
  return plan;
}

async function main() {
  const folder = process.argv[2];
  const index = process.argv.indexOf("--students");
  const students = index >= 0 ? Number(process.argv[index + 1]) : 1_000_000;
  if (!folder || !Number.isInteger(students) || students < 3) throw new Error("usage: generate-roster-csv.ts <folder> [--students N]");
  console.log(await generateRosterCsv(folder, students, console.log));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
