"use client";
import { useEffect, useRef, type InputHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  /** Shown as a dash: some, not all, of a group is selected. */
  indeterminate?: boolean;
}

export function Checkbox({ indeterminate = false, className, ...props }: CheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  // `indeterminate` exists only as a DOM property, not as an attribute.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return <input ref={ref} type="checkbox" className={cn("h-4 w-4 rounded border-slate-400 accent-blue-700", className)} {...props} />;
}
