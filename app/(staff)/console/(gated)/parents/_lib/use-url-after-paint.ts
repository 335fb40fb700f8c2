"use client";
// Keeps the URL in step with a typed search, once the new rows are on screen. Next.js's router
// follows every history.replaceState with work of its own (about 10 ms per search on the 2-core
// machine, `npm run bench:browser`), which, done with the results, came before the first frame
// of the new rows. A newer search cancels an older one's pending update, and an update whose
// page has moved on meanwhile (a link, a letter) is dropped rather than take the URL back.
import { useCallback, useEffect, useRef } from "react";

export function useUrlAfterPaint(): (href: string) => void {
  const pending = useRef<() => void>(() => {});
  useEffect(() => () => pending.current(), []);
  return useCallback((href: string) => {
    pending.current();
    const from = window.location.href;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The frame's callbacks run before it is painted; a task queued from one runs after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (window.location.href === from) window.history.replaceState(null, "", href);
      }, 0);
    });
    pending.current = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
}
