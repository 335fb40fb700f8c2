// One method's card: its title, what is registered (masked), and its forms.
export function MethodSection({ title, status, action, children }: { title: string; status: string; action?: React.ReactNode; children: React.ReactNode }) {
  const id = `method-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <div className="flex items-center gap-2">
          <span className="text-sm text-slate-700" data-testid={`${id}-status`}>
            {status}
          </span>
          {action}
        </div>
      </div>
      {children}
    </section>
  );
}
