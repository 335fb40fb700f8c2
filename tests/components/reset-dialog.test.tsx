import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ResetDialog } from "@/app/(staff)/console/(gated)/parents/_components/reset-dialog";
import type { ResetPreview } from "@/lib/parents/preview-reset";

function preview(overrides: Partial<ResetPreview> = {}): ResetPreview {
  return { rows: 3, parents: 2, logins: 2, alreadyReset: 0, noAccount: 0, otherRows: { count: 0, parents: 0, sample: [] }, ...overrides };
}

function renderDialog(data: ResetPreview, onConfirm = vi.fn(async (): Promise<string | null> => null)) {
  const loadPreview = vi.fn(async () => ({ ok: true as const, data }));
  const onClose = vi.fn();
  render(<ResetDialog open loadPreview={loadPreview} onConfirm={onConfirm} onClose={onClose} />);
  return { loadPreview, onConfirm, onClose };
}

describe("ResetDialog", () => {
  it("asks for confirmation and states rows and distinct parent logins", async () => {
    renderDialog(preview());
    const dialog = screen.getByRole("dialog", { name: "Reset parent logins" });
    expect(dialog).toHaveTextContent("Are you sure you want to reset the selected accounts?");
    const summary = await screen.findByTestId("reset-summary");
    expect(summary).toHaveTextContent("This affects 3 rows and 2 distinct parent logins.");
    expect(screen.queryByTestId("other-rows")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Reset 3 rows" })).toBeEnabled();
  });

  it("mentions already-reset logins and parents without a login", async () => {
    renderDialog(preview({ rows: 3, parents: 3, logins: 1, alreadyReset: 1, noAccount: 1 }));
    const summary = await screen.findByTestId("reset-summary");
    expect(summary).toHaveTextContent("1 distinct parent login.");
    expect(summary).toHaveTextContent("1 login is already reset and will not change.");
    expect(summary).toHaveTextContent("1 parent has no login to reset.");
  });

  it("warns about the parents' unselected rows and offers to include them", async () => {
    const user = userEvent.setup();
    const sample = [
      { linkId: 7, parentName: "María García", childName: "Luis García", studentNumber: "100200" },
      { linkId: 8, parentName: "María García", childName: "Sofía García", studentNumber: "100201" },
    ];
    const { onConfirm } = renderDialog(preview({ rows: 1, parents: 1, logins: 1, otherRows: { count: 2, parents: 1, sample } }));
    const warning = await screen.findByTestId("other-rows");
    expect(warning).toHaveTextContent("1 selected parent also has 2 other child rows that are not selected.");
    expect(warning).toHaveTextContent("María García — Sofía García (100201)");

    await user.click(screen.getByRole("checkbox", { name: "Include the 2 other rows of the same parents" }));
    expect(screen.getByTestId("reset-summary")).toHaveTextContent("This affects 3 rows and 1 distinct parent login.");
    await user.click(screen.getByRole("button", { name: "Reset 3 rows" }));
    expect(onConfirm).toHaveBeenCalledWith(true);
  });

  it("confirms without the other rows by default and shows a failure inside the dialog", async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn(async (): Promise<string | null> => "Your session has ended. Please sign in again.");
    renderDialog(preview({ rows: 1, parents: 1, logins: 1, otherRows: { count: 1, parents: 1, sample: [] } }), onConfirm);
    await user.click(await screen.findByRole("button", { name: "Reset 1 row" }));
    expect(onConfirm).toHaveBeenCalledWith(false);
    expect(await screen.findByRole("alert")).toHaveTextContent("Your session has ended");
  });

  it("shows the preview's error and keeps Reset disabled", async () => {
    const loadPreview = vi.fn(async () => ({ ok: false as const, code: "forbidden" as const, error: "Only site admins may reset every matching row at once." }));
    render(<ResetDialog open loadPreview={loadPreview} onConfirm={vi.fn()} onClose={vi.fn()} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Only site admins");
    expect(screen.getByRole("button", { name: "Reset" })).toBeDisabled();
  });

  it("states the help desk's limits and refuses a selection above what is left this hour", async () => {
    const user = userEvent.setup();
    const sample = [{ linkId: 7, parentName: "María García", childName: "Luis García", studentNumber: "100200" }];
    const limits = { role: "HELP_DESK" as const, maxRowsPerReset: 25, perHour: { limit: 200, used: 197 } };
    renderDialog(preview({ rows: 3, otherRows: { count: 1, parents: 1, sample }, limits }));
    const note = await screen.findByTestId("reset-limit");
    expect(note).toHaveTextContent("Help desk may reset up to 25 rows at once (other rows of the same parents count) and 200 rows per hour; you have 3 left this hour.");
    expect(screen.getByRole("button", { name: "Reset 3 rows" })).toBeEnabled();
    await user.click(screen.getByRole("checkbox", { name: "Include the 1 other row of the same parents" }));
    expect(screen.getByTestId("reset-limit")).toHaveTextContent("Select fewer rows, or ask a site admin.");
    expect(screen.getByRole("button", { name: "Reset 4 rows" })).toBeDisabled();
  });

  it("states a site admin's per-reset cap", async () => {
    renderDialog(preview({ limits: { role: "SITE_ADMIN", maxRowsPerReset: 10_000, perHour: null } }));
    expect(await screen.findByTestId("reset-limit")).toHaveTextContent("A reset may cover up to 10,000 rows.");
  });

  it("cancels with the Cancel button", async () => {
    const user = userEvent.setup();
    const { onClose } = renderDialog(preview());
    await waitFor(() => expect(screen.getByTestId("reset-summary")).toBeInTheDocument());
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onClose).toHaveBeenCalled();
  });

  it("asks how the caller was verified and sends the ticks, the ticket and a bulk reason", async () => {
    const user = userEvent.setup();
    const verification = { methods: ["Called back the phone number on record", "In person with photo ID"], methodRequired: true, reasonRequired: true };
    const { onConfirm } = renderDialog(preview({ rows: 2, parents: 2, verification }));
    const confirm = await screen.findByRole("button", { name: "Reset 2 rows" });
    expect(screen.getByRole("group", { name: "How was the caller verified? (required)" })).toBeInTheDocument();
    expect(confirm).toBeDisabled();
    await user.click(screen.getByRole("checkbox", { name: "In person with photo ID" }));
    expect(confirm).toBeDisabled(); // the bulk reason is still missing
    await user.type(screen.getByLabelText("Ticket number (optional)"), "INC-9");
    await user.type(screen.getByLabelText("Reason for this bulk reset (required, e.g. an incident number)"), "Incident 12");
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    expect(onConfirm).toHaveBeenCalledWith(false, { methods: ["In person with photo ID"], ticket: "INC-9", reason: "Incident 12" });
  });
});
