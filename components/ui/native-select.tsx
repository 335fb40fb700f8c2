import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

/** A styled native <select>: keyboard and screen-reader behaviour come from the browser. */
export const NativeSelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function NativeSelect(
  { className, ...props },
  ref,
) {
  return (
    <select
      ref={ref}
      className={cn(
        "h-10 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 aria-[invalid=true]:border-red-600",
        className,
      )}
      {...props}
    />
  );
});
