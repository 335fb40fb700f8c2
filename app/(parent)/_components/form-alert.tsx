// A message above a form: errors are announced (role="alert"), successes politely.
import { CircleAlert, CircleCheck, Info } from "lucide-react";

const STYLES = {
  error: { box: "border-red-300 bg-red-50 text-red-900", Icon: CircleAlert },
  success: { box: "border-green-300 bg-green-50 text-green-900", Icon: CircleCheck },
  info: { box: "border-blue-200 bg-blue-50 text-blue-900", Icon: Info },
} as const;

export function FormAlert({ tone, children }: { tone: keyof typeof STYLES; children: React.ReactNode }) {
  const { box, Icon } = STYLES[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${box}`}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="space-y-1">{children}</div>
    </div>
  );
}
