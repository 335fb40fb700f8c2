// The small "what matched" label and <mark> highlight of a searched grid row.
import type { MatchKind } from "@/lib/parents/search-probes";
import { matchLabel, type Span } from "@/lib/parents/search-match";

export function Highlighted({ text, span }: { text: string; span: Span | null }) {
  if (!span || span[1] <= span[0]) return <>{text}</>;
  return (
    <>
      {text.slice(0, span[0])}
      <mark className="rounded-sm bg-amber-100 px-0 text-inherit">{text.slice(span[0], span[1])}</mark>
      {text.slice(span[1])}
    </>
  );
}

export function MatchLabel({ kind, studentNumber }: { kind: MatchKind; studentNumber: string }) {
  return (
    <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-700" data-match={kind}>
      {matchLabel(kind, { studentNumber })}
    </span>
  );
}
