import { act, render, screen, within } from "@testing-library/react";
import { Suspense } from "react";
import { describe, expect, it, vi } from "vitest";
import { ParentsTable, type ParentsTableProps } from "@/app/(staff)/console/(gated)/parents/_components/parents-table";
import type { ParentRow } from "@/lib/parents/search-parents";
import { parseParentSearch } from "@/lib/parents/search-schema";

const router = { push: vi.fn(), refresh: vi.fn(), replace: vi.fn(), prefetch: vi.fn(), back: vi.fn(), forward: vi.fn() };
vi.mock("next/navigation", () => ({
  useRouter: () => router,
  usePathname: () => "/console/parents",
  useSearchParams: () => new URLSearchParams(),
}));

function row(linkId: number, overrides: Partial<ParentRow>): ParentRow {
  return {
    linkId, contactId: linkId, parentFirstName: "Ana", parentLastName: "García López", username: `user${linkId}`, email: null,
    staffEmail: false, status: "ACTIVE", childFirstName: "Lia", childLastName: "López", studentNumber: "004512", school: "Lincoln",
    grade: "3", relationship: "Mother", resetAt: null, removed: false, ...overrides,
  };
}

async function renderRows(q: string, rows: ParentRow[]) {
  const props: ParentsTableProps = {
    resultPromise: Promise.resolve({
      ok: true,
      data: { rows, total: { count: rows.length, capped: false }, pageInfo: { page: 1, size: 50, hasNextPage: false, hasPreviousPage: false, nextCursor: null, previousCursor: null } },
    }),
    search: parseParentSearch({ q }),
    canBulkReset: false,
    bulkResetCap: 10_000,
    countMatching: vi.fn(),
    previewReset: vi.fn(),
    resetParents: vi.fn(),
    showOutcome: vi.fn(),
  };
  await act(async () => {
    render(
      <Suspense fallback={<p>loading</p>}>
        <ParentsTable {...props} />
      </Suspense>,
    );
  });
  return (await screen.findAllByRole("row")).slice(1);
}

describe("the grid says what a search matched", () => {
  it("labels a last-name-word match and marks the word", async () => {
    const [first] = await renderRows("lopez", [row(1, { match: "lastNameWord" })]);
    expect(within(first!).getByText("last name starts with")).toBeTruthy();
    expect(first!.querySelector("mark")?.textContent).toBe("López");
  });

  it("labels a student ID match with the ID and marks it", async () => {
    const [first] = await renderRows("004512", [row(2, { match: "studentNumber" })]);
    expect(within(first!).getByText("student ID 004512")).toBeTruthy();
    expect(first!.querySelector("mark")?.textContent).toBe("004512");
  });

  it("shows no label when browsing", async () => {
    const [first] = await renderRows("", [row(3, { match: null })]);
    expect(first!.querySelector("[data-match]")).toBeNull();
    expect(first!.querySelector("mark")).toBeNull();
  });
});
