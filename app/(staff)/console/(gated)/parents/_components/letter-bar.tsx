// A-Z links plus "All", as in the old administrator portal; the current one is marked.
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { LETTERS, type ParentSearch } from "@/lib/parents/search-schema";
import { parentsFirstPageHref } from "../_lib/parents-href";

export function LetterBar({ search }: { search: ParentSearch }) {
  const active = search.q ? null : search.letter;
  return (
    <nav aria-label="Browse by last name">
      <ul className="flex flex-wrap gap-0.5">
        {[...LETTERS, "all"].map((letter) => (
          <li key={letter}>
            <Link
              href={parentsFirstPageHref(search, { letter, q: "" })}
              aria-current={active === letter ? "page" : undefined}
              aria-label={letter === "all" ? "All last names" : `Last names starting with ${letter}`}
              className={cn(
                "inline-flex h-8 min-w-8 items-center justify-center rounded px-1.5 text-sm font-medium",
                active === letter ? "bg-blue-700 text-white" : "text-blue-800 hover:bg-blue-50",
              )}
            >
              {letter === "all" ? "All" : letter}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
