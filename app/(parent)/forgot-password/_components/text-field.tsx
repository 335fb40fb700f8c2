// A labelled input with its hint and field errors wired for screen readers.
import type { InputHTMLAttributes } from "react";
import { Input } from "@/components/ui/input";

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
}

export function TextField({ id, label, hint, errors, ...inputProps }: TextFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <Input id={id} name={id} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy || undefined} {...inputProps} />
      {errors?.length ? (
        <ul id={`${id}-error`} className="space-y-0.5 text-sm text-red-700">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
