import { describe, expect, it } from "vitest";
import { matchLabel, nameHighlights } from "@/lib/parents/search-match";

const row = (parentLastName: string, parentFirstName = "Ana") => ({ parentLastName, parentFirstName });
const marked = (text: string, span: readonly [number, number] | null) => (span ? text.slice(span[0], span[1]) : null);

describe("what the grid says a search matched", () => {
  it("labels each kind, the student ID with its number", () => {
    expect(matchLabel("studentNumber", { studentNumber: "004512" })).toBe("student ID 004512");
    expect(matchLabel("email", { studentNumber: "1" })).toBe("e-mail");
    expect(matchLabel("lastNameWord", { studentNumber: "1" })).toBe("last name starts with");
  });

  it("highlights the typed prefix of the name across punctuation, spaces and accents", () => {
    expect(marked("O'Brien", nameHighlights("name", "obri", row("O'Brien")).last)).toBe("O'Bri");
    expect(marked("Al-Amin", nameHighlights("name", "al amin", row("Al-Amin")).last)).toBe("Al-Amin");
    expect(marked("De la Cruz", nameHighlights("name", "dela", row("De la Cruz")).last)).toBe("De la");
    const both = nameHighlights("name", "garcia, an", row("García", "Ángela"));
    expect([marked("García", both.last), marked("Ángela", both.first)]).toEqual(["García", "Án"]);
  });

  it("highlights the word of a compound last name that matched", () => {
    expect(marked("García López", nameHighlights("lastNameWord", "lopez", row("García López")).last)).toBe("López");
    expect(marked("De la Cruz", nameHighlights("lastNameWord", "cru", row("De la Cruz")).last)).toBe("Cru");
    expect(nameHighlights("email", "x@y", row("Cruz"))).toEqual({ last: null, first: null });
  });
});
