import type { PracticeContent, PracticeFieldName } from "@practice-kb/shared";
import { type MouseEvent, type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useLocation, useNavigation } from "react-router";
import { Field } from "@/components/field";
import { paths } from "@/config/paths";
import { PRACTICE_FORM_ROWS, useFieldWords } from "@/lib/practice-fields";
import { FIELDS, type FieldName, type FormProblem, MAX_COMMENT } from "../form-model";
import type { Intent, PracticeFormResult } from "../propose-action";
import { PracticeField } from "./practice-field";

/** One submit button of the form. */
export interface FormButton {
  intent: Intent;
  label: string;
  busyLabel: string;
  primary?: boolean;
}

interface PracticeFormProps {
  result: PracticeFormResult | undefined;
  /** The text to start from when editing. */
  initial?: PracticeContent;
  /** A title to start a new proposal with (from a search that found nothing). */
  defaultTitle?: string;
  defaultLanguage: string;
  /** A situation type and channels to start a new proposal with (from the team lead's insight). */
  defaultSituationType?: string;
  defaultChannels?: string[];
  /** Sent along unseen: the revision the text was loaded at (the server refuses the save if it changed). */
  hidden?: Record<string, string | number>;
  buttons: FormButton[];
  /** Shown above the form when a save was refused because someone else saved first. */
  conflict?: ReactNode;
  /** A note to start with (a proposal from a drill says so). */
  defaultComment?: string;
  /** The note is a reply to a team lead who sent the practice back (it is shown beside their comment). */
  noteIsReply?: boolean;
}

/** Every field of a practice, checked with the API's own schema; used to propose and to edit. */
export function PracticeForm({
  result,
  initial,
  defaultTitle,
  defaultLanguage,
  defaultSituationType,
  defaultChannels,
  hidden = {},
  buttons,
  conflict,
  defaultComment,
  noteIsReply = false,
}: PracticeFormProps) {
  const { t } = useTranslation();
  const wordsOf = useFieldWords();
  const navigation = useNavigation();
  const location = useLocation();
  const summaryRef = useRef<HTMLDivElement>(null);
  const submitting = navigation.state === "submitting";
  const busyIntent = submitting ? navigation.formData?.get("intent") : null;

  const problems: FormProblem[] = result?.status === "invalid" ? result.problems : [];
  const formMessages =
    result?.status === "invalid"
      ? result.messages
      : result?.status === "unavailable"
        ? [t("propose.unavailable")]
        : result?.status === "alreadySaved"
          ? [t("propose.alreadySaved")]
          : result?.status === "error"
            ? [t("propose.serverError", { message: result.message })]
            : [];

  // After a failed submit, take the user to the list of problems (it links to each field).
  useEffect(() => {
    if (result && result.status !== "done" && result.status !== "conflict") summaryRef.current?.focus();
  }, [result]);

  function describe(problem: FormProblem): string {
    const message =
      problem.kind === "server"
        ? (problem.message ?? t("propose.errors.invalid"))
        : t(`propose.errors.${problem.kind}`, { min: problem.min, max: problem.max });
    return problem.line ? t("propose.line", { line: problem.line, message }) : message;
  }

  const errorsOf = (field: FieldName) => problems.filter((p) => p.field === field).map(describe);
  const fieldLabel = (field: FieldName) =>
    field === "comment"
      ? t(noteIsReply ? "edit.replyLabel" : "propose.fields.comment")
      : (wordsOf(field).formLabel ?? wordsOf(field).label);
  const ordered = FIELDS.flatMap((field) => problems.filter((p) => p.field === field));

  function jumpTo(event: MouseEvent<HTMLAnchorElement>, field: FieldName) {
    // Focus directly instead of following the #hash, which would count as a navigation and drop the errors.
    event.preventDefault();
    const target =
      document.getElementById(`field-${field}`) ?? document.querySelector<HTMLElement>(`[name="${field}"]`);
    target?.focus();
  }

  // A new proposal starts in the user's language, and with the words of a search that found nothing as its title.
  const start: Partial<Record<PracticeFieldName, string | string[]>> = {
    title: defaultTitle,
    language: defaultLanguage,
    situationType: defaultSituationType,
    channels: defaultChannels?.length ? defaultChannels : undefined,
  };
  const fieldOf = (name: PracticeFieldName) => (
    <PracticeField key={name} name={name} value={initial?.[name] ?? start[name]} errors={errorsOf(name)} />
  );

  return (
    <>
      {conflict}
      {result?.status === "unauthorized" && (
        <div className="error-summary" ref={summaryRef} tabIndex={-1} role="alert">
          <p className="error-summary-title">{t("propose.sessionEnded")}</p>
          <p>
            <Link to={paths.login.getHref(location.pathname)} target="_blank" rel="noopener">
              {t("propose.loginInNewTab")}
            </Link>
          </p>
        </div>
      )}
      {(ordered.length > 0 || formMessages.length > 0) && (
        <div
          className="error-summary"
          ref={summaryRef}
          tabIndex={-1}
          role="alert"
          aria-labelledby="error-summary-title"
        >
          <h2 id="error-summary-title" className="error-summary-title">
            {ordered.length > 0 ? t("propose.errorSummary", { count: ordered.length }) : t("status.error.title")}
          </h2>
          <ul>
            {ordered.map((problem) => (
              <li key={`${problem.field}-${problem.line ?? 0}-${problem.kind}-${problem.message ?? ""}`}>
                <a href={`#field-${problem.field}`} onClick={(event) => jumpTo(event, problem.field)}>
                  {fieldLabel(problem.field)}: {describe(problem)}
                </a>
              </li>
            ))}
            {formMessages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      )}

      <Form method="post" noValidate className="propose-form">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {PRACTICE_FORM_ROWS.map((row) =>
          row.length === 1 ? (
            fieldOf(row[0])
          ) : (
            <div key={row.join(" ")} className="field-row">
              {row.map(fieldOf)}
            </div>
          ),
        )}

        <Field
          name="comment"
          label={fieldLabel("comment")}
          hint={t(noteIsReply ? "edit.replyHint" : "propose.fields.commentHint")}
          optional
          errors={errorsOf("comment")}
        >
          {(control) => (
            <textarea {...control} name="comment" rows={2} maxLength={MAX_COMMENT} defaultValue={defaultComment} />
          )}
        </Field>

        <div className="form-actions">
          {buttons.map((button) => (
            <button
              key={button.intent}
              type="submit"
              name="intent"
              value={button.intent}
              className={button.primary ? "button button-primary" : "button button-secondary"}
              disabled={submitting}
            >
              {busyIntent === button.intent ? button.busyLabel : button.label}
            </button>
          ))}
        </div>
      </Form>
    </>
  );
}
