import pg from "pg";
import { describe, expect, it } from "vitest";
import { copyLine } from "@/lib/roster/stage/copy-text";

describe("copyLine", () => {
  it("separates fields with tabs, ends the row, and writes null as \\N", () => {
    expect(copyLine(["a", null, 3, true])).toBe("a\t\\N\t3\ttrue\n");
  });

  it("escapes what would end a field or a row, and drops NUL (PostgreSQL text cannot hold it)", () => {
    expect(copyLine(["tab\there", "line\nbreak\r", "back\\slash", "nul\0"])).toBe("tab\\there\tline\\nbreak\\r\tback\\\\slash\tnul\n");
  });

  it("writes arrays as quoted literals, so commas, braces, quotes and the word NULL stay text", () => {
    const line = copyLine([["a,b", "{c}", 'd"e', "NULL", "f\\g"]]);
    // What PostgreSQL's array parser receives after COPY undoes its own escapes:
    const literal = line.slice(0, -1).replace(/\\\\/g, "\\");
    expect(literal).toBe('{"a,b","{c}","d\\"e","NULL","f\\\\g"}');
    // 1009 is text[]; pg's own parser reads the literal the way the server does.
    const parseTextArray = (pg.types.getTypeParser as (oid: number) => (value: string) => string[])(1009);
    const parsed = parseTextArray(literal);
    expect(parsed).toEqual(["a,b", "{c}", 'd"e', "NULL", "f\\g"]);
  });
});
