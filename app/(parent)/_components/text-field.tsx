// A labelled input with an optional hint and the field's error messages, wired with
// aria-describedby / aria-invalid so screen readers announce both.
import type { InputHTMLAttributes } from "react";

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  /** Usernames, IDs and passwords read left to right even on an Arabic page. */
  ltr?: boolean;
}

export function TextField({ id, name, label, hint, errors, ltr, className, ...input }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name ?? id}
        dir={ltr ? "ltr" : undefined}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={`block w-full rounded-md border px-3 py-2 text-base text-start shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30 ${
          errorId ? "border-red-500" : "border-slate-300"
        } ${className ?? ""}`}
        {...input}
      />
      {errorId ? (
        <ul id={errorId} className="space-y-0.5 text-sm text-red-700">
          {errors!.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
