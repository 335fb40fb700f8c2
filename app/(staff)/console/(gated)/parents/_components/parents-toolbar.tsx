"use client";
// The search box. A GET form, so it works before hydration too; with JavaScript the results
// follow the typing (after a short pause; Enter searches at once) and keep the page size and order.
import { useRouter } from "next/navigation";
import { Search, X } from "lucide-react";
import { useEffect, useRef, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { MAX_QUERY_LENGTH, type ParentSearch } from "@/lib/parents/search-schema";
import { PARENTS_PATH, parentsFirstPageHref } from "../_lib/parents-href";

export interface ParentsToolbarProps {
  search: ParentSearch;
  /** A live search is on its way. */
  pending: boolean;
  onQueryChange: (q: string, immediate: boolean) => void;
}

const normalize = (value: string) => value.trim().slice(0, MAX_QUERY_LENGTH);

export function ParentsToolbar({ search, pending, onQueryChange }: ParentsToolbarProps) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);

  // A letter link or "Clear" changes the query from outside: show it, but never overwrite
  // what the agent is typing (the box keeps its own text while it has focus).
  useEffect(() => {
    const box = input.current;
    if (box && document.activeElement !== box && normalize(box.value) !== search.q) box.value = search.q;
  }, [search.q]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onQueryChange(normalize(String(new FormData(event.currentTarget).get("q") ?? "")), true);
  }

  return (
    <form role="search" action={PARENTS_PATH} method="get" onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
      <div className="min-w-64 flex-1 space-y-1 sm:max-w-md">
        <label htmlFor="parent-search" className="block text-sm font-medium text-slate-800">
          Parent last name
        </label>
        <Input
          ref={input}
          id="parent-search"
          name="q"
          type="search"
          defaultValue={search.q}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="e.g. Garcia, or Garcia, Maria"
          autoComplete="off"
          aria-describedby="parent-search-hint"
          onChange={(event) => onQueryChange(normalize(event.currentTarget.value), false)}
        />
      </div>
      <Button type="submit" aria-busy={pending || undefined}>
        <Search className="h-4 w-4" aria-hidden="true" />
        Search
      </Button>
      {search.q ? (
        <Button variant="ghost" onClick={() => router.push(parentsFirstPageHref(search, { q: "", letter: "all" }))}>
          <X className="h-4 w-4" aria-hidden="true" />
          Clear
        </Button>
      ) : null}
      <label className="ms-auto inline-flex items-center gap-2 rounded-md px-2 py-2 text-sm font-medium text-slate-700">
        {/* Part of the GET form without JavaScript; with it, a change switches the view at once. */}
        <input
          type="checkbox"
          name="removed"
          value="1"
          defaultChecked={search.removed}
          key={String(search.removed)}
          className="h-4 w-4 rounded border-slate-400"
          onChange={(event) => router.push(parentsFirstPageHref(search, { removed: event.currentTarget.checked }))}
        />
        Show removed
      </label>
      <p id="parent-search-hint" className="basis-full text-xs text-slate-600">
        Results follow your typing. A name from its start (or any word of a compound last name), a student ID, an
        e-mail, a username or a phone number; accents, capitals, spaces and punctuation do not matter.
      </p>
    </form>
  );
}
