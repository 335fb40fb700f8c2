"use server";
// The setup-link form posted without JavaScript (before the scripts have loaded, or with them
// off): the same action, fed from the posted form. The token travels as a hidden field of the
// POST body; the passphrase never reaches a URL.
import { formText } from "@/components/ui/form-text";
import { postedFormState, type PostedFormState } from "@/lib/actions/posted-form-state";
import { setStaffPassphraseAction } from "./set-passphrase-action";

export async function setStaffPassphraseFormAction(_state: PostedFormState, form: FormData): Promise<PostedFormState> {
  const result = await setStaffPassphraseAction(formText(form, ["token", "passphrase", "confirmation"]));
  return postedFormState(result, () => "/console/set-passphrase/done");
}
