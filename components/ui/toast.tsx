"use client";
// One transient message in a polite live region: screen readers announce it, it fades
// after a while, and it can be dismissed by hand.
import { useCallback, useEffect, useState } from "react";
import { X } from "lucide-react";
import { cn } from "@/components/ui/cn";

export interface ToastMessage {
  tone: "success" | "error" | "info";
  title: string;
  description?: string;
}

const TONES = {
  success: "border-green-300 bg-green-50 text-green-900",
  error: "border-red-300 bg-red-50 text-red-900",
  info: "border-blue-300 bg-blue-50 text-blue-900",
} as const;

export function useToast(timeoutMs = 8000) {
  const [toast, setToast] = useState<ToastMessage | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), timeoutMs);
    return () => clearTimeout(timer);
  }, [toast, timeoutMs]);
  const dismiss = useCallback(() => setToast(null), []);
  return { toast, show: setToast, dismiss };
}

export function Toast({ toast, onDismiss }: { toast: ToastMessage | null; onDismiss: () => void }) {
  return (
    <div aria-live="polite" role="status" className="pointer-events-none fixed bottom-4 right-4 z-50 w-full max-w-sm">
      {toast ? (
        <div className={cn("pointer-events-auto flex items-start gap-3 rounded-lg border p-4 shadow-lg", TONES[toast.tone])}>
          <div className="flex-1">
            <p className="text-sm font-semibold">{toast.title}</p>
            {toast.description ? <p className="mt-1 text-sm">{toast.description}</p> : null}
          </div>
          <button type="button" onClick={onDismiss} aria-label="Dismiss notification" className="rounded p-0.5 hover:bg-black/5">
            <X className="h-4 w-4" aria-hidden="true" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
