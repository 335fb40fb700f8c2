// A link that looks like the portal's primary button (the next step after a finished flow).
import Link from "next/link";

export function LinkButton({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="inline-flex rounded-md bg-blue-700 px-4 py-2 font-medium text-white shadow-sm hover:bg-blue-800">
      {children}
    </Link>
  );
}
