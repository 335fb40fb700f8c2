"use server";
// The three Forgot Password steps posted without JavaScript (before a slow phone has loaded
// the scripts, or with them off): the same actions, fed from the posted form, then on to the
// next step. The code and the password travel in the POST body only.
import { formText } from "@/components/ui/form-text";
import { postedFormState, type PostedFormState } from "@/lib/actions/posted-form-state";
import { requestCodeAction } from "./request-code-action";
import { setPasswordAction } from "./set-password-action";
import { verifyCodeAction } from "./verify-code-action";
import { unlockAccountAction } from "./unlock-account-action";

export async function requestCodeFormAction(_state: PostedFormState, form: FormData): Promise<PostedFormState> {
  return postedFormState(await requestCodeAction(formText(form, ["username"])), (data) => data.next);
}

export async function verifyCodeFormAction(_state: PostedFormState, form: FormData): Promise<PostedFormState> {
  return postedFormState(await verifyCodeAction(formText(form, ["code"])), (data) => data.next);
}

export async function setPasswordFormAction(_state: PostedFormState, form: FormData): Promise<PostedFormState> {
  return postedFormState(await setPasswordAction(formText(form, ["password", "passwordConfirm"])), (data) => data.next);
}

export async function unlockAccountFormAction(_state: PostedFormState, _form: FormData): Promise<PostedFormState> {
  return postedFormState(await unlockAccountAction({}), (data) => data.next);
}
