"use server";
// The "Get back into your account" steps posted without JavaScript (the CAPTCHA itself needs
// scripts; the later steps do not): the same actions, fed from the posted form.
import { formText } from "@/components/ui/form-text";
import { postedFormState, type PostedFormState } from "@/lib/actions/posted-form-state";
import { checkRecoveryStepAction } from "./check-recovery-step-action";
import { setRecoveredPassphraseAction } from "./set-recovered-passphrase-action";

export async function checkRecoveryCodeFormAction(_state: PostedFormState, form: FormData): Promise<PostedFormState> {
  const { method, code } = formText(form, ["method", "code"]);
  return postedFormState(await checkRecoveryStepAction({ method: method as "totp", code }), (data) => data.next);
}

export async function setRecoveredPassphraseFormAction(_state: PostedFormState, form: FormData): Promise<PostedFormState> {
  return postedFormState(await setRecoveredPassphraseAction(formText(form, ["newPassphrase", "confirmation"])), (data) => data.next);
}
