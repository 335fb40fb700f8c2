"use client";
// Three questions from the district's list and their answers. Answers are never shown again,
// not even to the person: changing them means answering all three anew.
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useActionForm } from "@/components/ui/use-action-form";
import { saveSecurityQuestionsAction } from "../_actions/save-security-questions-action";
import { reauthenticateIfAsked } from "./reauthenticate-url";

type QuestionKey = Parameters<typeof saveSecurityQuestionsAction>[0]["questions"][number]["key"];

export function SecurityQuestionsForm({ questions, registered }: { questions: readonly { key: string; text: string }[]; registered: boolean }) {
  const router = useRouter();
  const form = useActionForm(saveSecurityQuestionsAction, {
    toInput: (data) => ({
      questions: [0, 1, 2].map((index) => ({ key: String(data.get(`key${index}`) ?? "") as QuestionKey, answer: String(data.get(`answer${index}`) ?? "") })),
    }),
    navigateTo: reauthenticateIfAsked,
    successMessage: () => "Security questions saved.",
    onSuccess: (_data, element) => {
      element.reset();
      router.refresh();
    },
  });
  return (
    <form {...form.formProps} noValidate className="space-y-4">
      {[0, 1, 2].map((index) => (
        <fieldset key={index} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
          <legend className="px-1 text-sm font-medium text-slate-800">Question {index + 1}</legend>
          <FormField name={`key${index}`} label="Question" errors={form.fieldErrors[`questions.${index}.key`]}>
            {(props) => (
              <NativeSelect {...props} defaultValue={questions[index]?.key} required>
                {questions.map((question) => (
                  <option key={question.key} value={question.key}>
                    {question.text}
                  </option>
                ))}
              </NativeSelect>
            )}
          </FormField>
          <FormField name={`answer${index}`} label="Answer" hint="3 to 40 characters; case and extra spaces do not matter." errors={form.fieldErrors[`questions.${index}.answer`]}>
            {(props) => <Input {...props} type="text" autoComplete="off" spellCheck={false} required maxLength={40} />}
          </FormField>
        </fieldset>
      ))}
      {form.fieldErrors.questions ? <p className="text-sm text-red-700">{form.fieldErrors.questions.join(" ")}</p> : null}
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      <Button type="submit" variant="outline" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Saving…" : registered ? "Replace my questions" : "Save my questions"}
      </Button>
    </form>
  );
}
