import { CONTENT_LANGUAGES, type PracticeContent } from "@practice-kb/shared";
import { type MouseEvent, type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useLocation, useNavigation } from "react-router";
import { type ControlProps, Field, FieldErrors } from "@/components/field";
import { paths } from "@/config/paths";
import { LANGUAGE_NAMES } from "@/lib/languages";
import { useLabels, useTaxonomy } from "@/lib/taxonomy";
import { FIELDS, type FieldName, type FormProblem, MAX_COMMENT } from "../form-model";
import type { Intent, PracticeFormResult } from "../propose-action";

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
  /** Sent along unseen: the revision the text was loaded at (the server refuses the save if it changed). */
  hidden?: Record<string, string | number>;
  buttons: FormButton[];
  /** Shown above the form when a save was refused because someone else saved first. */
  conflict?: ReactNode;
}

/** Every field of a practice, checked with the API's own schema; used to propose and to edit. */
export function PracticeForm({
  result,
  initial,
  defaultTitle,
  defaultLanguage,
  hidden = {},
  buttons,
  conflict,
}: PracticeFormProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const taxonomy = useTaxonomy();
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
  const fieldLabel = (field: FieldName) => t(`propose.fields.${field}`);
  const ordered = FIELDS.flatMap((field) => problems.filter((p) => p.field === field));

  function jumpTo(event: MouseEvent<HTMLAnchorElement>, field: FieldName) {
    // Focus directly instead of following the #hash, which would count as a navigation and drop the errors.
    event.preventDefault();
    const target =
      document.getElementById(`field-${field}`) ?? document.querySelector<HTMLElement>(`[name="${field}"]`);
    target?.focus();
  }

  const situationTypes = taxonomy?.situationTypes ?? [];
  const channels = taxonomy?.channels ?? [];
  const audiences = taxonomy?.audiences ?? [];
  const lines = (values: string[] | undefined) => (values ?? []).join("\n");

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
        <Field name="title" label={fieldLabel("title")} hint={t("propose.fields.titleHint")} errors={errorsOf("title")}>
          {(control) => (
            <input
              {...control}
              name="title"
              type="text"
              defaultValue={initial?.title ?? defaultTitle ?? ""}
              maxLength={200}
            />
          )}
        </Field>

        <Field
          name="situation"
          label={fieldLabel("situation")}
          hint={t("propose.fields.situationHint")}
          errors={errorsOf("situation")}
        >
          {(control) => <textarea {...control} name="situation" rows={4} defaultValue={initial?.situation} />}
        </Field>

        <div className="field-row">
          <Field name="situationType" label={fieldLabel("situationType")} errors={errorsOf("situationType")}>
            {(control) => (
              <select {...control} name="situationType" defaultValue={initial?.situationType ?? ""}>
                <option value="">{t("propose.fields.chooseType")}</option>
                {situationTypes.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {labels.situationType(entry.id)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="language" label={fieldLabel("language")} errors={errorsOf("language")}>
            {(control) => (
              <select {...control} name="language" defaultValue={initial?.language ?? defaultLanguage}>
                {CONTENT_LANGUAGES.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {LANGUAGE_NAMES[code]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>

        <CheckboxGroup
          name="channels"
          legend={fieldLabel("channels")}
          options={channels.map((entry) => ({ id: entry.id, label: labels.channel(entry.id) }))}
          checked={initial?.channels}
          errors={errorsOf("channels")}
        />
        {audiences.length > 0 && (
          <CheckboxGroup
            name="audiences"
            legend={fieldLabel("audiences")}
            optional
            options={audiences.map((entry) => ({ id: entry.id, label: labels.audience(entry.id) }))}
            checked={initial?.audiences}
            errors={errorsOf("audiences")}
          />
        )}

        <Field
          name="response"
          label={fieldLabel("response")}
          hint={`${t("propose.fields.responseHint")} ${t("propose.onePerLine")}`}
          errors={errorsOf("response")}
        >
          {(control) => <textarea {...control} name="response" rows={6} defaultValue={lines(initial?.response)} />}
        </Field>

        <Field
          name="sayPhrases"
          label={fieldLabel("sayPhrases")}
          hint={t("propose.onePerLine")}
          optional
          errors={errorsOf("sayPhrases")}
        >
          {(control) => <textarea {...control} name="sayPhrases" rows={3} defaultValue={lines(initial?.sayPhrases)} />}
        </Field>

        <Field
          name="avoidPhrases"
          label={fieldLabel("avoidPhrases")}
          hint={t("propose.onePerLine")}
          optional
          errors={errorsOf("avoidPhrases")}
        >
          {(control) => (
            <textarea {...control} name="avoidPhrases" rows={3} defaultValue={lines(initial?.avoidPhrases)} />
          )}
        </Field>

        <Field
          name="tags"
          label={fieldLabel("tags")}
          hint={t("propose.fields.tagsHint")}
          optional
          errors={errorsOf("tags")}
        >
          {(control) => <input {...control} name="tags" type="text" defaultValue={initial?.tags.join(", ")} />}
        </Field>

        <div className="field-row">
          <Field
            name="source"
            label={fieldLabel("source")}
            hint={t("propose.fields.sourceHint")}
            optional
            errors={errorsOf("source")}
          >
            {(control) => (
              <input {...control} name="source" type="text" maxLength={300} defaultValue={initial?.source} />
            )}
          </Field>
          <Field
            name="reviewBy"
            label={fieldLabel("reviewBy")}
            hint={t("propose.fields.reviewByHint")}
            optional
            errors={errorsOf("reviewBy")}
          >
            {(control) => <input {...control} name="reviewBy" type="date" defaultValue={initial?.reviewBy} />}
          </Field>
        </div>

        <Field
          name="comment"
          label={fieldLabel("comment")}
          hint={t("propose.fields.commentHint")}
          optional
          errors={errorsOf("comment")}
        >
          {(control) => <textarea {...control} name="comment" rows={2} maxLength={MAX_COMMENT} />}
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

interface CheckboxGroupProps {
  name: FieldName;
  legend: string;
  optional?: boolean;
  options: { id: string; label: string }[];
  checked?: string[];
  errors: string[];
}

function CheckboxGroup({ name, legend, optional, options, checked, errors }: CheckboxGroupProps) {
  const { t } = useTranslation();
  const errorId = errors.length > 0 ? `field-${name}-error` : undefined;
  const control = (index: number): ControlProps => ({
    // The first box carries the field id, so the error summary's link lands on the group.
    id: index === 0 ? `field-${name}` : `field-${name}-${index}`,
    "aria-invalid": errors.length > 0 ? true : undefined,
  });
  return (
    <fieldset
      className={errors.length > 0 ? "field checkbox-group has-error" : "field checkbox-group"}
      aria-describedby={errorId}
    >
      <legend className="field-label">
        {legend}
        {optional && <span className="field-optional"> ({t("form.optional")})</span>}
      </legend>
      {errorId && <FieldErrors id={errorId} errors={errors} />}
      <div className="checkboxes">
        {options.map((option, index) => {
          const props = control(index);
          return (
            <label key={option.id} className="checkbox" htmlFor={props.id}>
              <input
                {...props}
                type="checkbox"
                name={name}
                value={option.id}
                defaultChecked={checked?.includes(option.id)}
              />
              <span>{option.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
