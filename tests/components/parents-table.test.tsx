import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Suspense } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ParentsGrid, ParentsTable, type ParentsTableProps } from "@/app/(staff)/console/(gated)/parents/_components/parents-table";
import { ParentsView } from "@/app/(staff)/console/(gated)/parents/_components/parents-view";
import type { ParentRow, ParentSearchResult } from "@/lib/parents/search-parents";
import { parseParentSearch } from "@/lib/parents/search-schema";

const router = { push: vi.fn(), refresh: vi.fn(), replace: vi.fn(), prefetch: vi.fn(), back: vi.fn(), forward: vi.fn() };
vi.mock("next/navigation", () => ({
  useRouter: () => router,
  usePathname: () => "/console/parents",
  useSearchParams: () => new URLSearchParams(),
}));

function row(linkId: number, contactId: number, overrides: Partial<ParentRow> = {}): ParentRow {
  return {
    linkId,
    contactId,
    parentFirstName: "María",
    parentLastName: "García",
    username: `user${contactId}`,
    email: `p${contactId}@example.com`,
    staffEmail: false,
    status: "ACTIVE",
    childFirstName: `Kid${linkId}`,
    childLastName: "García",
    studentNumber: String(100000 + linkId),
    school: "Lincoln",
    grade: "3",
    relationship: "Mother",
    resetAt: null,
    removed: false,
    ...overrides,
  };
}

function result(rows: ParentRow[], total = { count: rows.length, capped: false }): ParentSearchResult {
  return { rows, total, pageInfo: { page: 1, size: 50, hasNextPage: false, hasPreviousPage: false, nextCursor: null, previousCursor: null } };
}

type ViewProps = Omit<ParentsTableProps, "showOutcome">;

/** The grid as the page shows it: inside ParentsView, which holds the outcome's toast. */
async function renderTable(data: ParentSearchResult, overrides: Partial<ViewProps> = {}) {
  const props: ViewProps = {
    resultPromise: Promise.resolve({ ok: true, data }),
    search: parseParentSearch({ q: "garc" }),
    canBulkReset: false,
    bulkResetCap: 10_000,
    countMatching: vi.fn(async () => ({ ok: true as const, data: { count: 4_321, capped: false, cap: 10_000 } })),
    previewReset: vi.fn(async () => ({
      ok: true as const,
      data: { rows: 2, parents: 2, logins: 2, alreadyReset: 0, noAccount: 0, otherRows: { count: 0, parents: 0, sample: [] } },
    })),
    resetParents: vi.fn(async () => ({
      ok: true as const,
      data: { resetRows: 2, resetLogins: 2, alreadyReset: 0, noAccount: 0, noEmail: 0, emailsQueued: 2, studentAccountsRemoved: 0, sessionsEnded: 0, appLogoutsQueued: 0, notFound: 0 },
    })),
    ...overrides,
  };
  const view = await act(async () => render(<ParentsView {...props} />));
  await screen.findByRole("table");
  return Object.assign(props, { rerender: view.rerender });
}

beforeEach(() => vi.clearAllMocks());

describe("ParentsTable", () => {
  it("renders one row per parent per child with status and staff-domain badges", async () => {
    await renderTable(result([row(1, 10), row(2, 11, { status: "RESET", email: "x@district.org", staffEmail: true }), row(3, 12, { status: "NONE", username: null })]));
    const rows = screen.getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByText("Active")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("Reset", { selector: "span" })).toBeInTheDocument();
    expect(within(rows[1]!).getByText("Staff e-mail")).toBeInTheDocument();
    expect(within(rows[2]!).getByText("No login")).toBeInTheDocument();
    expect(within(rows[2]!).getByRole("button", { name: /Reset login of/ })).toBeDisabled();
    expect(screen.getByText("Rows 1–3 of 3")).toBeInTheDocument();
  });

  it("marks rows removed from the roster in the removed view, and offers no reset or selection for them", async () => {
    await renderTable(result([row(1, 10, { removed: true })], { count: 120, capped: false }), { search: parseParentSearch({ q: "garc", removed: "1" }), canBulkReset: true });
    const [removedRow] = screen.getAllByRole("row").slice(1);
    expect(within(removedRow!).getByText("Removed from roster")).toBeInTheDocument();
    expect(within(removedRow!).getByRole("button", { name: /Reset login of/ })).toBeDisabled();
    expect(within(removedRow!).getByRole("checkbox")).toBeDisabled();
    expect(screen.queryByRole("button", { name: /Select all .* matching/ })).not.toBeInTheDocument();
  });

  it("selects rows, shows the action bar, and resets the selected ids after confirming", async () => {
    const user = userEvent.setup();
    const props = await renderTable(result([row(1, 10), row(2, 11), row(3, 12)]));
    expect(screen.queryByRole("region", { name: "Selection actions" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "Select García, María for Kid1 García" }));
    await user.click(screen.getByRole("checkbox", { name: "Select García, María for Kid3 García" }));
    const bar = screen.getByRole("region", { name: "Selection actions" });
    expect(bar).toHaveTextContent("2 rows selected");

    await user.click(within(bar).getByRole("button", { name: "Reset Selected" }));
    expect(props.previewReset).toHaveBeenCalledWith({ selection: { kind: "ids", linkIds: [1, 3] } });
    expect(await screen.findByTestId("reset-summary")).toHaveTextContent("2 rows and 2 distinct parent logins");
    await user.click(screen.getByRole("button", { name: "Reset 2 rows" }));
    expect(props.resetParents).toHaveBeenCalledWith({ selection: { kind: "ids", linkIds: [1, 3] }, includeOtherRows: false });
    expect(await screen.findByText("Reset 2 parent logins")).toBeInTheDocument();
    expect(router.refresh).toHaveBeenCalled();
    expect(screen.queryByRole("region", { name: "Selection actions" })).not.toBeInTheDocument();

    // The refresh brings a new server result, which replaces the grid: the outcome stays.
    const refreshed = Promise.resolve({ ok: true as const, data: result([row(1, 10, { status: "RESET" }), row(2, 11), row(3, 12, { status: "RESET" })]) });
    await act(async () => props.rerender(<ParentsView {...props} resultPromise={refreshed} />));
    expect(await screen.findAllByText("Reset")).not.toHaveLength(0);
    expect(screen.getByText("Reset 2 parent logins")).toBeInTheDocument();
  });

  it("selects the whole page with the header checkbox and resets a single row from its button", async () => {
    const user = userEvent.setup();
    const props = await renderTable(result([row(1, 10), row(2, 11)]));
    await user.click(screen.getByRole("checkbox", { name: "Select all rows on this page" }));
    expect(screen.getByRole("region", { name: "Selection actions" })).toHaveTextContent("2 rows selected");
    await user.click(screen.getByRole("button", { name: "Reset login of García, María (Kid2 García)" }));
    expect(props.previewReset).toHaveBeenCalledWith({ selection: { kind: "ids", linkIds: [2] } });
  });

  it("offers admins every matching row, up to the cap, and sends the search instead of ids", async () => {
    const user = userEvent.setup();
    const props = await renderTable(result([row(1, 10), row(2, 11)], { count: 120, capped: false }), { canBulkReset: true });
    await user.click(screen.getByRole("checkbox", { name: "Select all rows on this page" }));
    await user.click(screen.getByRole("button", { name: "Select all 120 matching (up to 10,000)" }));
    expect(screen.getByRole("region", { name: "Selection actions" })).toHaveTextContent("All 120 matching rows selected");
    await user.click(screen.getByRole("button", { name: "Reset Selected" }));
    expect(props.previewReset).toHaveBeenCalledWith({ selection: { kind: "matching", search: { q: "garc", letter: "all" } } });
  });

  it("does not offer all-matching to help desk, and tells admins to narrow a search above the cap", async () => {
    const user = userEvent.setup();
    await renderTable(result([row(1, 10)], { count: 500, capped: false }));
    await user.click(screen.getByRole("checkbox", { name: "Select all rows on this page" }));
    expect(screen.queryByRole("button", { name: /Select all .* matching/ })).not.toBeInTheDocument();
  });

  it("counts a \"1,000+\" search on to the cap once an admin selects the whole page, then offers all of it", async () => {
    const user = userEvent.setup();
    type Counted = { ok: true; data: { count: number; capped: boolean; cap: number } };
    let answer: (value: Counted) => void = () => {};
    const countMatching = vi.fn(() => new Promise<Counted>((resolve) => (answer = resolve)));
    const props = await renderTable(result([row(1, 10), row(2, 11)], { count: 1_000, capped: true }), { canBulkReset: true, countMatching });
    expect(screen.getByText("Rows 1–2 of 1,000+")).toBeInTheDocument();
    expect(countMatching).not.toHaveBeenCalled(); // only when the offer is about to be made
    await user.click(screen.getByRole("checkbox", { name: "Select all rows on this page" }));
    expect(screen.getByText(/Counting the matching rows/)).toBeInTheDocument();
    expect(countMatching).toHaveBeenCalledExactlyOnceWith({ search: { q: "garc", letter: "all" } });
    await act(async () => answer({ ok: true, data: { count: 4_321, capped: false, cap: 10_000 } }));
    // The count holds for the search: unselecting and selecting the page again does not ask again.
    await user.click(screen.getByRole("checkbox", { name: "Select all rows on this page" }));
    await user.click(screen.getByRole("checkbox", { name: "Select all rows on this page" }));
    expect(countMatching).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole("button", { name: "Select all 4,321 matching (up to 10,000)" }));
    expect(screen.getByRole("region", { name: "Selection actions" })).toHaveTextContent("All 4,321 matching rows selected");
    await user.click(screen.getByRole("button", { name: "Reset Selected" }));
    expect(props.previewReset).toHaveBeenCalledWith({ selection: { kind: "matching", search: { q: "garc", letter: "all" } } });
  });

  it("states the cap the server counted against when more rows match than an admin may reset at once", async () => {
    const user = userEvent.setup();
    // The district lowered its cap to 2,000 after this page loaded with 10,000.
    const countMatching = vi.fn(async () => ({ ok: true as const, data: { count: 2_000, capped: true, cap: 2_000 } }));
    await renderTable(result([row(1, 10)], { count: 1_000, capped: true }), { canBulkReset: true, countMatching });
    await user.click(screen.getByRole("checkbox", { name: "Select all rows on this page" }));
    expect(await screen.findByText(/More than 2,000 rows match: narrow the search to select them all \(limit 2,000\)/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Select all .* matching/ })).not.toBeInTheDocument();
    expect(screen.getByText("Rows 1–1 of 1,000+")).toBeInTheDocument();
  });

  it("says so when the matching rows cannot be counted, offers no select-all, and counts again when the page is selected again", async () => {
    const user = userEvent.setup();
    const countMatching = vi
      .fn<ViewProps["countMatching"]>()
      .mockResolvedValueOnce({ ok: false, code: "error", error: "Something went wrong. Please try again." })
      .mockResolvedValueOnce({ ok: true, data: { count: 1_234, capped: false, cap: 10_000 } });
    await renderTable(result([row(1, 10)], { count: 1_000, capped: true }), { canBulkReset: true, countMatching });
    const pageCheckbox = screen.getByRole("checkbox", { name: "Select all rows on this page" });
    await user.click(pageCheckbox);
    expect(await screen.findByText(/Something went wrong\. Please try again\./)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Select all .* matching/ })).not.toBeInTheDocument();
    await user.click(pageCheckbox);
    await user.click(pageCheckbox);
    expect(await screen.findByRole("button", { name: "Select all 1,234 matching (up to 10,000)" })).toBeInTheDocument();
    expect(countMatching).toHaveBeenCalledTimes(2);
  });

  it("closes a reset dialog and drops selection and count when the search changes under them (the grid is not remounted)", async () => {
    const user = userEvent.setup();
    let answer: (value: { ok: true; data: { count: number; capped: boolean; cap: number } }) => void = () => {};
    const countMatching = vi.fn(() => new Promise<{ ok: true; data: { count: number; capped: boolean; cap: number } }>((resolve) => (answer = resolve)));
    const props = {
      resultPromise: Promise.resolve({ ok: true as const, data: result([]) }),
      canBulkReset: true,
      bulkResetCap: 10_000,
      countMatching,
      previewReset: vi.fn(async () => ({
        ok: true as const,
        data: { rows: 1, parents: 1, logins: 1, alreadyReset: 0, noAccount: 0, otherRows: { count: 0, parents: 0, sample: [] } },
      })),
      resetParents: vi.fn(),
      showOutcome: vi.fn(),
    };
    const rows = [row(1, 10), row(2, 11)];
    const grid = (q: string) => <ParentsGrid {...props} search={parseParentSearch({ q })} result={result(rows, { count: 1_000, capped: true })} />;
    const view = await act(async () => render(grid("smi")));
    await user.click(screen.getByRole("checkbox", { name: "Select all rows on this page" }));
    expect(countMatching).toHaveBeenCalledWith({ search: { q: "smi", letter: "all" } });
    await user.click(screen.getByRole("button", { name: "Reset login of García, María (Kid1 García)" }));
    expect(await screen.findByTestId("reset-summary")).toBeInTheDocument();

    // "smit" answers with the same rows: no dialog, nothing selected, and "smi"'s late count unused.
    await act(async () => view.rerender(grid("smit")));
    await act(async () => answer({ ok: true, data: { count: 4_321, capped: false, cap: 10_000 } }));
    expect(screen.queryByTestId("reset-summary")).not.toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Selection actions" })).not.toBeInTheDocument();
    for (const box of screen.getAllByRole("checkbox")) expect(box).not.toBeChecked();
    await user.click(screen.getByRole("checkbox", { name: "Select all rows on this page" }));
    expect(screen.getByText(/Counting the matching rows/)).toBeInTheDocument();
    expect(countMatching).toHaveBeenLastCalledWith({ search: { q: "smit", letter: "all" } });
  });

  it("shows the empty state", async () => {
    await renderTable(result([]));
    expect(screen.getByText("No parents with a last name starting with “garc”.")).toBeInTheDocument();
  });

  it("marks the sorted column and links headers to the other direction", async () => {
    await renderTable(result([row(1, 10)]));
    const parentHeader = screen.getByRole("columnheader", { name: /Parent/ });
    expect(parentHeader).toHaveAttribute("aria-sort", "ascending");
    expect(within(parentHeader).getByRole("link")).toHaveAttribute("href", "/console/parents?q=garc&dir=desc");
    expect(within(screen.getByRole("columnheader", { name: /School/ })).getByRole("link")).toHaveAttribute("href", "/console/parents?q=garc&sort=school");
  });
});

describe("ParentsTable error", () => {
  it("shows the search failure with a retry", async () => {
    await act(async () => {
      render(
        <Suspense fallback={<p>loading</p>}>
          <ParentsTable
            resultPromise={Promise.resolve({ ok: false, error: "The search could not be completed. Please try again." })}
            search={parseParentSearch({})}
            canBulkReset={false}
            bulkResetCap={10_000}
            countMatching={vi.fn()}
            previewReset={vi.fn()}
            resetParents={vi.fn()}
            showOutcome={vi.fn()}
          />
        </Suspense>,
      );
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("The search could not be completed");
    await userEvent.setup().click(screen.getByRole("button", { name: "Try again" }));
    expect(router.refresh).toHaveBeenCalled();
  });
});
