"use client";
// One polite live region for a table view: results found, rows selected. It sits outside the
// parts that remount on each search, because screen readers ignore a region that appears
// together with its text.
import { createContext, useContext, useState, type ReactNode } from "react";

const AnnounceContext = createContext<(message: string) => void>(() => {});

export function DataTableLiveRegion({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  return (
    <AnnounceContext.Provider value={setMessage}>
      {children}
      <p role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="table-announcement">
        {message}
      </p>
    </AnnounceContext.Provider>
  );
}

/** Says `message` through the nearest live region (no-op outside one). */
export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
