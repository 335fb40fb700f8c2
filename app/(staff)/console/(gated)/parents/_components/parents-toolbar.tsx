"use client";
// Last-name search. A GET form, so it works before hydration too; with JavaScript it
// navigates client-side and keeps the page size and order.
import { useRouter } from "next/navigation";
import { Search, X } from "lucide-react";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { MAX_QUERY_LENGTH, type ParentSearch } from "@/lib/parents/search-schema";
import { PARENTS_PATH, parentsFirstPageHref } from "../_lib/parents-href";

export function ParentsToolbar({ search }: { search: ParentSearch }) {
  const router = useRouter();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim().slice(0, MAX_QUERY_LENGTH);
    router.push(parentsFirstPageHref(search, { q, letter: "all" }));
  }

  return (
    <form role="search" action={PARENTS_PATH} method="get" onSubmit={onSubmit} className="flex flex-wrap items-end gap-2">
      <div className="min-w-64 flex-1 space-y-1 sm:max-w-md">
        <label htmlFor="parent-search" className="block text-sm font-medium text-slate-800">
          Parent last name
        </label>
        <Input
          key={search.q}
          id="parent-search"
          name="q"
          type="search"
          defaultValue={search.q}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="e.g. Garcia, or Garcia, Maria"
          autoComplete="off"
          aria-describedby="parent-search-hint"
        />
      </div>
      <Button type="submit">
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
      <p id="parent-search-hint" className="basis-full text-xs text-slate-500">
        A name from its start (or any word of a compound last name), a student ID, an e-mail, a username or a phone
        number; accents, capitals, spaces and punctuation do not matter.
      </p>
    </form>
  );
}
