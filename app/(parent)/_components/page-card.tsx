// The white card every parent-portal page sits in, with its heading.
export function PageCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-xl space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 id="page-title" className="text-2xl font-semibold text-slate-900">
        {title}
      </h1>
      {children}
    </section>
  );
}
