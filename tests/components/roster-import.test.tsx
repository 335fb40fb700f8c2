import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { RosterCurrentRun } from "@/app/(staff)/console/(gated)/roster/_components/roster-current-run";
import { RosterProgressBar } from "@/app/(staff)/console/(gated)/roster/_components/roster-progress-bar";
import { RosterRunSummary } from "@/app/(staff)/console/(gated)/roster/_components/roster-run-summary";
import type { RosterEntityCounts, RosterImportSummary } from "@/lib/roster/import-roster-types";
import type { RosterRunView } from "@/lib/roster/console/roster-run-view";

const router = { push: vi.fn(), refresh: vi.fn(), replace: vi.fn(), prefetch: vi.fn(), back: vi.fn(), forward: vi.fn() };
vi.mock("next/navigation", () => ({ useRouter: () => router, usePathname: () => "/console/roster", useSearchParams: () => new URLSearchParams() }));

const counts = (added: number, changed: number, removed: number, restored = 0, unchanged = 0): RosterEntityCounts => ({ added, changed, removed, restored, unchanged });

function summary(overrides: Partial<RosterImportSummary> = {}): RosterImportSummary {
  return {
    version: "1.2",
    modes: { orgs: "bulk", users: "bulk", roles: "bulk" },
    schools: counts(2, 0, 0),
    students: counts(1200, 35, 4, 1, 10),
    contacts: counts(1500, 12, 7),
    links: counts(2400, 0, 9, 2),
    rejected: 3,
    warnings: 1,
    emailChanges: 2,
    examples: { added: ["Student 000123 Ana García"], changed: [], removed: ["Contact Pat O'Brien"], rejected: ["users.csv line 7: identifier is empty"] },
    removalGuard: { limitPercent: 10, students: { active: 100, removing: 4, percent: 4 }, contacts: { active: 70, removing: 7, percent: 10 }, links: { active: 240, removing: 9, percent: 3.8 }, exceeded: false },
    durationMs: 1234,
    ...overrides,
  };
}

function run(overrides: Partial<RosterRunView> = {}): RosterRunView {
  return {
    id: 7,
    createdAt: "2026-11-26T10:00:00.000Z",
    trigger: "CONSOLE",
    requestedBy: "admin@riverside.example.org",
    fileName: "sis-export.zip",
    fileBytes: 4096,
    dryRun: true,
    confirmRemovals: false,
    status: "SUCCEEDED",
    startedAt: "2026-11-26T10:00:01.000Z",
    finishedAt: "2026-11-26T10:00:03.000Z",
    phase: "finishing",
    rowsDone: 5000,
    rowsTotal: 5000,
    version: "1.2",
    summary: summary(),
    error: null,
    ...overrides,
  };
}

beforeEach(() => vi.clearAllMocks());

describe("RosterProgressBar", () => {
  it("exposes rows done / total as a progressbar and the phase in a live region", () => {
    render(<RosterProgressBar status="RUNNING" phase="reading" rowsDone={1500} rowsTotal={6000} />);
    const bar = screen.getByRole("progressbar", { name: "Import progress" });
    expect(bar).toHaveAttribute("aria-valuenow", "1500");
    expect(bar).toHaveAttribute("aria-valuemax", "6000");
    expect(bar).toHaveAttribute("aria-valuetext", "1,500 of 6,000 rows (25 %)");
    expect(screen.getByText("1,500 of 6,000 rows")).toBeInTheDocument();
    const phase = screen.getByTestId("roster-phase");
    expect(phase).toHaveAttribute("aria-live", "polite");
    expect(phase).toHaveTextContent("Reading the files");
  });

  it("is indeterminate (no aria-valuenow) until the rows are counted, and says when it waits", () => {
    render(<RosterProgressBar status="QUEUED" phase={null} rowsDone={0} rowsTotal={null} />);
    const bar = screen.getByRole("progressbar");
    expect(bar).not.toHaveAttribute("aria-valuenow");
    expect(bar).toHaveAttribute("aria-valuetext", "Waiting to start");
    expect(screen.getByTestId("roster-phase")).toHaveTextContent("Waiting to start");
  });

  it("never shows more than the estimated total", () => {
    render(<RosterProgressBar status="RUNNING" phase="merging" rowsDone={6100} rowsTotal={6000} />);
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "6000");
  });
});

describe("RosterRunSummary", () => {
  it("shows what a dry run would add, change, remove and restore per kind of record, rejected rows and examples", () => {
    render(<RosterRunSummary summary={summary()} planned />);
    const table = screen.getByTestId("roster-counts");
    const headers = within(table).getAllByRole("columnheader").map((cell) => cell.textContent);
    expect(headers).toEqual(["Records", "To add", "To change", "To remove", "To restore", "Unchanged"]);
    const students = within(table).getByRole("row", { name: /^Students/ });
    expect(within(students).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["1,200", "35", "4", "1", "10"]);
    const links = within(table).getByRole("row", { name: /^Parent-child links/ });
    expect(within(links).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(["2,400", "0", "9", "2", "0"]);
    expect(screen.getByText("Rows rejected").nextSibling).toHaveTextContent("3");
    expect(screen.getByText("Student 000123 Ana García")).toBeInTheDocument();
    expect(screen.getByText("users.csv line 7: identifier is empty")).toBeInTheDocument();
    expect(screen.queryByTestId("removal-guard-warning")).not.toBeInTheDocument();
  });

  it("words an applied run as done, and warns when the removal guard is exceeded", () => {
    const guard = { limitPercent: 10, students: { active: 100, removing: 40, percent: 40 }, contacts: { active: 70, removing: 7, percent: 10 }, links: { active: 240, removing: 9, percent: 3.8 }, exceeded: true };
    render(<RosterRunSummary summary={summary({ removalGuard: guard })} planned={false} />);
    expect(within(screen.getByTestId("roster-counts")).getAllByRole("columnheader")[1]).toHaveTextContent("Added");
    const warning = screen.getByRole("alert");
    expect(warning).toHaveTextContent("removes more than the district's limit of 10 %");
    expect(warning).toHaveTextContent("Students: 40 of 100 active (40 %)");
  });
});

describe("RosterCurrentRun", () => {
  it("offers Apply after a dry run and sends no confirmation when the guard holds", async () => {
    const user = userEvent.setup();
    const apply = vi.fn(async () => ({ ok: true as const, data: { importId: 8 } }));
    render(<RosterCurrentRun run={run()} applyRosterImport={apply} />);
    expect(screen.queryByLabelText("I confirm these removals")).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Download report (CSV)" })).toHaveAttribute("href", "/api/console/roster/runs/7/report");
    await user.click(screen.getByRole("button", { name: "Apply" }));
    expect(apply).toHaveBeenCalledWith({ importId: 7, confirmRemovals: false });
    expect(router.push).toHaveBeenCalledWith("/console/roster?run=8");
  });

  it("asks for an explicit confirmation when the dry run exceeds the removal guard, and shows the server's refusal", async () => {
    const user = userEvent.setup();
    const exceeded = summary({ removalGuard: { ...summary().removalGuard, exceeded: true } });
    const apply = vi
      .fn()
      .mockResolvedValueOnce({ ok: false, code: "invalid", error: "Tick the box.", fieldErrors: { confirmRemovals: ["Confirm the removals to apply this import."] } })
      .mockResolvedValueOnce({ ok: true, data: { importId: 9 } });
    render(<RosterCurrentRun run={run({ summary: exceeded })} applyRosterImport={apply} />);
    await user.click(screen.getByRole("button", { name: "Apply" }));
    expect(apply).toHaveBeenLastCalledWith({ importId: 7, confirmRemovals: false });
    const box = screen.getByLabelText("I confirm these removals");
    // The refusal is rendered in the form's transition (components/ui/use-action-form.ts).
    await waitFor(() => expect(box).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("Confirm the removals to apply this import.")).toBeInTheDocument();
    await user.click(box);
    await user.click(screen.getByRole("button", { name: "Apply" }));
    expect(apply).toHaveBeenLastCalledWith({ importId: 7, confirmRemovals: true });
  });

  it("follows a running run through the JSON route and refreshes the page when it finishes", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const finished = run({ status: "SUCCEEDED" });
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(new Response(JSON.stringify({ ok: true, data: run({ status: "RUNNING", phase: "merging", rowsDone: 4000, rowsTotal: 5000, summary: null }) })))
      .mockResolvedValue(new Response(JSON.stringify({ ok: true, data: finished })));
    vi.stubGlobal("fetch", fetchMock);
    try {
      render(<RosterCurrentRun run={run({ status: "QUEUED", phase: null, rowsDone: 0, rowsTotal: null, summary: null, finishedAt: null })} applyRosterImport={vi.fn()} />);
      expect(screen.getByTestId("roster-phase")).toHaveTextContent("Waiting to start");
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(fetchMock).toHaveBeenCalledWith("/api/console/roster/runs/7", { cache: "no-store" });
      expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "4000");
      expect(screen.getByTestId("roster-phase")).toHaveTextContent("Updating the roster");
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(router.refresh).toHaveBeenCalled();
      expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Apply" })).toBeInTheDocument();
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });

  it("says a failed run changed nothing, with its error", () => {
    render(<RosterCurrentRun run={run({ status: "FAILED", summary: null, error: "manifest.csv is missing." })} applyRosterImport={vi.fn()} />);
    expect(screen.getByRole("alert")).toHaveTextContent("manifest.csv is missing. Nothing was changed.");
    expect(screen.queryByRole("button", { name: "Apply" })).not.toBeInTheDocument();
  });
});
