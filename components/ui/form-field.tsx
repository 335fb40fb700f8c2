// A labelled form control with its hint and field errors wired up for screen readers
// (aria-describedby / aria-invalid); the control is passed as a render function.
import { useId, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export interface FieldControlProps {
  id: string;
  name: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

export interface FormFieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  children: (props: FieldControlProps) => ReactNode;
}

export function FormField({ name, label, hint, errors, className, children }: FormFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, name, "aria-invalid": Boolean(errorId), "aria-describedby": describedBy })}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
