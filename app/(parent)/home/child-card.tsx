"use client";
// One linked child: name, school, grade, the student account, and its create form.
import { useState } from "react";
import { GraduationCap } from "lucide-react";
import { useTranslations } from "next-intl";
import type { LinkedChild } from "@/lib/accounts/linked-children";
import { FormAlert } from "../_components/form-alert";
import { StudentAccountForm } from "./student-account-form";

export function ChildCard({ child }: { child: LinkedChild }) {
  const t = useTranslations("Home");
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState(child.studentAccountUsername);
  const [created, setCreated] = useState(false);
  const name = `${child.firstName} ${child.lastName}`;
  return (
    <article className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start gap-3">
        <GraduationCap aria-hidden className="mt-1 size-5 shrink-0 text-blue-700" />
        <div className="flex-1">
          <h3 className="font-semibold">{name}</h3>
          <p className="text-sm text-slate-600">{t("schoolGrade", { school: child.schoolName, grade: child.grade })}</p>
          <p className="mt-1 text-sm">
            {username ? (
              <>
                {t("studentAccountLabel")} <bdi dir="ltr" className="font-mono">{username}</bdi>
              </>
            ) : (
              <span className="text-slate-600">{t("noStudentAccount")}</span>
            )}
          </p>
        </div>
        {!open ? (
          <button
            type="button"
            onClick={() => {
              setOpen(true);
              setCreated(false);
            }}
            className="rounded-md border border-blue-700 px-3 py-1.5 text-sm font-medium text-blue-700 hover:bg-blue-50"
          >
            {username ? t("replaceStudentAccount") : t("createStudentAccount")}
          </button>
        ) : null}
      </div>
      {created && username ? <FormAlert tone="success">{t("studentCreated", { username })}</FormAlert> : null}
      {open ? (
        <StudentAccountForm
          studentId={child.studentId}
          title={t("studentFormTitle", { name })}
          onCancel={() => setOpen(false)}
          onCreated={(newUsername) => {
            setUsername(newUsername);
            setCreated(true);
            setOpen(false);
          }}
        />
      ) : null}
    </article>
  );
}
