"use client";
// Register or edit a connected app; every field is validated again on the server.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useActionForm } from "@/components/ui/use-action-form";
import { APP_SCOPES, type ConnectedAppFieldsInput } from "@/lib/oidc/connected-app-schema";
import { registerConnectedAppAction } from "../_actions/register-connected-app-action";
import { updateConnectedAppAction } from "../_actions/update-connected-app-action";
import { SecretOnce } from "./secret-once";

export interface ConnectedAppFormValues {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  firstParty: boolean;
  scopes: string[];
  identifierClaim: string;
}

const SCOPE_HINTS: Record<(typeof APP_SCOPES)[number], string> = {
  openid: "required",
  profile: "names, locale, user type",
  email: "e-mail address",
  students: "a parent's linked children",
  offline_access: "refresh tokens",
};

const TEXTAREA = "w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-sm aria-[invalid=true]:border-red-600";

function fieldsOf(data: FormData): ConnectedAppFieldsInput {
  return {
    name: String(data.get("name") ?? ""),
    redirectUris: String(data.get("redirectUris") ?? ""),
    postLogoutRedirectUris: String(data.get("postLogoutRedirectUris") ?? ""),
    backchannelLogoutUri: String(data.get("backchannelLogoutUri") ?? ""),
    firstParty: data.get("firstParty") === "on",
    scopes: data.getAll("scopes").map(String) as ConnectedAppFieldsInput["scopes"],
    identifierClaim: String(data.get("identifierClaim") ?? "sub") as ConnectedAppFieldsInput["identifierClaim"],
  };
}

const EMPTY: ConnectedAppFormValues = { name: "", redirectUris: [], postLogoutRedirectUris: [], backchannelLogoutUri: null, firstParty: false, scopes: ["openid", "profile", "email"], identifierClaim: "sub" };

export function ConnectedAppForm({ appId, initial = EMPTY }: { appId?: number; initial?: ConnectedAppFormValues }) {
  const [registered, setRegistered] = useState<{ clientId: string; clientSecret: string | null } | null>(null);
  const register = useActionForm(registerConnectedAppAction, {
    toInput: (data) => ({ ...fieldsOf(data), clientType: String(data.get("clientType") ?? "confidential") as "confidential" | "public" }),
    successMessage: () => "App registered.",
    onSuccess: (data, form) => {
      setRegistered({ clientId: data.clientId, clientSecret: data.clientSecret });
      form.reset();
    },
  });
  const update = useActionForm(updateConnectedAppAction, {
    toInput: (data) => ({ ...fieldsOf(data), id: appId ?? 0 }),
    successMessage: ({ changed }) => (changed.length === 0 ? "Nothing changed." : `Saved. Changed: ${changed.join(", ")}.`),
  });
  const form = appId ? update : register;
  return (
    <form {...form.formProps} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label={appId ? "Edit app" : "Register an app"}>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField name="name" label="Name" hint="Shown to parents on the consent page." errors={form.fieldErrors.name}>
          {(props) => <Input {...props} defaultValue={initial.name} maxLength={120} required />}
        </FormField>
        {appId ? null : (
          <FormField name="clientType" label="Client type" hint="Confidential: a server with a client secret. Public: a mobile or browser app, PKCE only." errors={form.fieldErrors.clientType}>
            {(props) => (
              <NativeSelect {...props} defaultValue="confidential">
                <option value="confidential">Confidential (client secret)</option>
                <option value="public">Public (PKCE only, no secret)</option>
              </NativeSelect>
            )}
          </FormField>
        )}
        <FormField
          name="redirectUris"
          label="Redirect URIs"
          className="sm:col-span-2"
          hint="One a line, compared exactly. https://, or http:// only for localhost or 127.0.0.1; no #fragment. PowerSchool: https://<your PowerSchool host>/oidc/openid_connect_login"
          errors={form.fieldErrors.redirectUris}
        >
          {(props) => <textarea {...props} rows={3} defaultValue={initial.redirectUris.join("\n")} className={TEXTAREA} spellCheck={false} />}
        </FormField>
        <FormField name="postLogoutRedirectUris" label="Post-logout redirect URIs" className="sm:col-span-2" hint="Optional; one a line, same rules." errors={form.fieldErrors.postLogoutRedirectUris}>
          {(props) => <textarea {...props} rows={2} defaultValue={initial.postLogoutRedirectUris.join("\n")} className={TEXTAREA} spellCheck={false} />}
        </FormField>
        <FormField
          name="backchannelLogoutUri"
          label="Back-channel logout URI"
          className="sm:col-span-2"
          hint="Optional. A staff reset sends a signed logout token here, so the parent's session in the app ends too."
          errors={form.fieldErrors.backchannelLogoutUri}
        >
          {(props) => <Input {...props} defaultValue={initial.backchannelLogoutUri ?? ""} maxLength={2000} spellCheck={false} className="font-mono" />}
        </FormField>
        <fieldset className="sm:col-span-2" aria-describedby="scopes-hint">
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {APP_SCOPES.map((scope) => (
              <label key={scope} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "openid" || initial.scopes.includes(scope)} className="size-4" />
                <code>{scope}</code> <span className="text-slate-600">({SCOPE_HINTS[scope]})</span>
              </label>
            ))}
          </div>
          <p id="scopes-hint" className="mt-1 text-xs text-slate-600">What the app may ask for.</p>
          {form.fieldErrors.scopes ? <p className="text-sm text-red-700">{form.fieldErrors.scopes.join(" ")}</p> : null}
        </fieldset>
        <FormField
          name="identifierClaim"
          label="Identifier claim"
          hint="The claim the app matches its users on (PowerSchool: its Global Identifier)."
          errors={form.fieldErrors.identifierClaim}
        >
          {(props) => (
            <NativeSelect {...props} defaultValue={initial.identifierClaim}>
              <option value="sub">sub (stable random id)</option>
              <option value="email">email</option>
              <option value="sis_id">sis_id (the contact&apos;s SIS id from the roster)</option>
            </NativeSelect>
          )}
        </FormField>
        <div className="self-end">
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="firstParty" defaultChecked={initial.firstParty} className="mt-0.5 size-4" />
            <span>
              <span className="font-medium text-slate-900">The district&apos;s own app</span>
              <span className="block text-xs text-slate-600">First-party apps skip the consent page.</span>
            </span>
          </label>
        </div>
      </div>
      {form.message ? <FormAlert tone={form.message.tone}>{form.message.text}</FormAlert> : null}
      {!appId && registered ? <SecretOnce clientId={registered.clientId} clientSecret={registered.clientSecret} /> : null}
      <Button type="submit" disabled={form.pending} aria-busy={form.pending}>
        {form.pending ? "Saving…" : appId ? "Save changes" : "Register app"}
      </Button>
    </form>
  );
}
