"use client";
// The ALTCHA "I'm not a robot" check (self-hosted proof of work, nothing sent to third parties).
// The widget is a Web Component that only exists in the browser: its script is loaded after
// hydration, and it writes its solved payload into a hidden input named "altcha".
import { useEffect, useState } from "react";
import type {} from "altcha/types/react";

/** `resetKey` changes after every submit: a payload is accepted once, so the check starts over. */
export function AltchaField({ errors, resetKey }: { errors?: string[]; resetKey: number }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    void import("altcha").then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  return (
    <div className="space-y-1">
      {ready ? (
        <div key={resetKey}>
          <altcha-widget challenge="/api/console/captcha" name="altcha" auto="onfocus" display="standard" />
        </div>
      ) : (
        <p className="text-sm text-slate-600">Loading the &ldquo;I&rsquo;m not a robot&rdquo; check… (it needs JavaScript)</p>
      )}
      {errors?.length ? (
        <p role="alert" className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
