"use server";
// "Choose your password" / "Change password" posted without JavaScript (before a slow phone
// has loaded the scripts, or with them off): the same action, fed from the posted form.
import { formText } from "@/components/ui/form-text";
import { postedFormState, type PostedFormState } from "@/lib/actions/posted-form-state";
import { interactionUidParam } from "@/lib/oidc/interaction-summary";
import { changePasswordAction } from "./actions";

export async function changePasswordFormAction(_state: PostedFormState, form: FormData): Promise<PostedFormState> {
  const { currentPassword, ...rest } = formText(form, ["currentPassword", "newPassword", "confirmPassword"]);
  // The current password is asked only of an active account (the field is then on the form).
  const asked = form instanceof FormData && form.has("currentPassword");
  const result = await changePasswordAction({ ...rest, currentPassword: asked ? currentPassword : undefined });
  // An app's sign-in waiting for this password goes on (to that fixed path only: no open redirect).
  const app = form instanceof FormData ? interactionUidParam(String(form.get("app") ?? "")) : null;
  return postedFormState(result, () => (app ? `/oidc/interaction/${app}` : "/home?passwordSaved=1"));
}
