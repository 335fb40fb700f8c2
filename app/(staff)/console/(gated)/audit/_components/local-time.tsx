"use client";
// The viewer's local time, rendered after mount: the server does not know the browser's
// time zone, and rendering it there would mismatch on hydration.
import { useEffect, useState } from "react";

export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    setText(new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }));
  }, [iso]);
  return <span className="text-slate-600">{text ?? "\u00a0"}</span>;
}
