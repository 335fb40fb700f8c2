// The frame of every recovery page: a heading, optional intro and the content.
export function RecoveryCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby="recovery-title" className="mx-auto max-w-md space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 id="recovery-title" className="text-xl font-semibold text-slate-900">
        {title}
      </h1>
      {children}
    </section>
  );
}
