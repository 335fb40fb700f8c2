// The outcome of a staff row's action, announced to screen readers (a live region that is
// always rendered, so the announcement is not lost when the text first appears).
export interface RowActionMessage {
  tone: "success" | "error";
  text: string;
}

export function RowActionStatus({ message }: { message: RowActionMessage | null }) {
  return (
    <p role="status" className={message?.tone === "error" ? "text-xs text-red-700" : "text-xs text-green-800"}>
      {message?.text ?? ""}
    </p>
  );
}
