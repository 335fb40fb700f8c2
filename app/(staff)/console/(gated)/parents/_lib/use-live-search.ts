"use client";
// Search as the agent types: each change waits a short pause, then asks the JSON route. Only
// the newest keystroke's request may answer: a keystroke aborts the request in flight, and an
// answer that still arrives after a newer keystroke is dropped. So fast typing never shows
// stale rows, and no table is drawn between keystrokes (a render then would hold up the next
// request's timer on the main thread).
import { useCallback, useEffect, useRef, useState } from "react";
import { parentSearchToParams, type ParentSearch } from "@/lib/parents/search-schema";
import type { ParentSearchResult } from "@/lib/parents/search-parents";

export type SearchOutcome = { ok: true; data: ParentSearchResult } | { ok: false; error: string };

/** Long enough to skip the keystrokes of a word typed in one go, short enough to feel instant. */
export const TYPING_PAUSE_MS = 70;

const FAILED = "The search could not be completed. Please try again.";

export function useLiveSearch(onResult: (search: ParentSearch, outcome: SearchOutcome) => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(0);
  const inFlight = useRef<AbortController | null>(null);
  const deliver = useRef(onResult);
  deliver.current = onResult;
  const [pending, setPending] = useState(false);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );

  const request = useCallback(async (search: ParentSearch, id: number) => {
    const controller = new AbortController();
    inFlight.current = controller;
    let outcome: SearchOutcome;
    try {
      const response = await fetch(`/api/console/parents?${parentSearchToParams(search).toString()}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
      const body = (await response.json()) as { ok: true; data: ParentSearchResult } | { ok: false; error: string };
      outcome = body.ok ? { ok: true, data: body.data } : { ok: false, error: body.error || FAILED };
    } catch {
      if (controller.signal.aborted) return;
      outcome = { ok: false, error: FAILED };
    }
    if (id !== latest.current) return;
    setPending(false);
    deliver.current(search, outcome);
  }, []);

  /** Searches after the typing pause (or at once with `immediate`, e.g. on Enter). */
  const search = useCallback(
    (next: ParentSearch, options: { immediate?: boolean } = {}) => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
      const id = ++latest.current;
      setPending(true);
      if (options.immediate) void request(next, id);
      else timer.current = setTimeout(() => void request(next, id), TYPING_PAUSE_MS);
    },
    [request],
  );

  return { search, pending };
}
