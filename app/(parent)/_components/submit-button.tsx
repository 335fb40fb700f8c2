// The primary button of a portal form; shows the pending label while the action runs.
import type { ButtonHTMLAttributes } from "react";

export function SubmitButton({
  pending,
  label,
  pendingLabel,
  className,
  ...rest
}: { pending: boolean; label: string; pendingLabel: string } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-busy={pending || undefined}
      className={`inline-flex items-center justify-center rounded-md bg-blue-700 px-4 py-2 font-medium text-white shadow-sm hover:bg-blue-800 disabled:cursor-wait disabled:opacity-70 ${className ?? "w-full"}`}
      {...rest}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
