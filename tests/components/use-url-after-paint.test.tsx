// The grid's URL follows a typed search after the rows are painted (use-url-after-paint.ts):
// not at once, only the newest search's, never over a page that has moved on, never after unmount.
import { renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useUrlAfterPaint } from "@/app/(staff)/console/(gated)/parents/_lib/use-url-after-paint";

const query = () => new URL(window.location.href).searchParams.get("q");
/** Two frames and a task: past the update's frame and the task queued from it. */
const settled = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 10))));

afterEach(() => window.history.replaceState(null, "", "/console/parents"));

describe("useUrlAfterPaint", () => {
  it("replaces the URL after the next frame, not at once", async () => {
    window.history.replaceState(null, "", "/console/parents");
    const { result } = renderHook(() => useUrlAfterPaint());
    result.current("/console/parents?q=garc");
    expect(query()).toBeNull();
    await waitFor(() => expect(query()).toBe("garc"));
  });

  it("keeps only the newest search's URL", async () => {
    window.history.replaceState(null, "", "/console/parents");
    const { result } = renderHook(() => useUrlAfterPaint());
    const replace = vi.spyOn(window.history, "replaceState");
    result.current("/console/parents?q=ga");
    result.current("/console/parents?q=garc");
    await settled();
    expect(query()).toBe("garc");
    expect(replace.mock.calls.map((call) => call[2])).toEqual(["/console/parents?q=garc"]);
    replace.mockRestore();
  });

  it("drops an update when the page moved on meanwhile, or the view is gone", async () => {
    window.history.replaceState(null, "", "/console/parents");
    const { result, unmount } = renderHook(() => useUrlAfterPaint());
    result.current("/console/parents?q=garc");
    window.history.pushState(null, "", "/console/parents?letter=M"); // a letter link
    await settled();
    expect(new URL(window.location.href).searchParams.get("letter")).toBe("M");
    expect(query()).toBeNull();

    result.current("/console/parents?q=smi");
    unmount();
    await settled();
    expect(query()).toBeNull();
  });
});
