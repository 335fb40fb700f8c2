"use client";
// Answers to the person's security questions (only ever a second step). One wrong answer fails
// them all, without saying which.
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import { checkRecoveryStepAction } from "../_actions/check-recovery-step-action";

export function QuestionsForm({ questions }: { questions: { key: string; text: string }[] }) {
  const form = useActionForm(checkRecoveryStepAction, {
    toInput: (data) => ({ method: "questions" as const, answers: Object.fromEntries(questions.map((q) => [q.key, String(data.get(`answer-${q.key}`) ?? "")])) }),
    navigateTo: (result) => (result.ok ? result.data.next : null),
    fullReload: true,
  });
  return (
    <form {...form.formProps} noValidate className="space-y-3" aria-label="Answer your security questions">
      {questions.map((question) => (
        <FormField key={question.key} name={`answer-${question.key}`} label={question.text}>
          {(field) => <Input {...field} autoComplete="off" required maxLength={200} />}
        </FormField>
      ))}
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Checking…" : "Verify"}
      </Button>
    </form>
  );
}
