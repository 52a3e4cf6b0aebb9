import { CONTENT_LANGUAGES } from "@practice-kb/shared";
import { type MouseEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "react-router";
import { paths } from "@/config/paths";
import { useDocumentTitle } from "@/lib/dom";
import { isUiLanguage, LANGUAGE_NAMES } from "@/lib/languages";
import { useLabels, useTaxonomy } from "@/lib/taxonomy";
import { FIELDS, type FieldName, type FormProblem } from "../form-model";
import type { ProposeResult } from "../propose-action";
import { type ControlProps, Field, FieldErrors } from "./field";

/** The proposal form: every practice field, checked with the API's own schema before sending. */
export function ProposePage() {
  const { t, i18n } = useTranslation();
  const result = useActionData<ProposeResult>();
  useDocumentTitle(t("propose.title"), t("app.name"));

  return (
    <div className="propose-page">
      {result?.status === "sent" ? (
        <SentPanel title={result.title} />
      ) : (
        // Not keyed by location: a failed submit must keep everything typed. "Propose another" still
        // starts empty, because the form was unmounted while the success panel showed.
        <ProposeForm result={result} uiLanguage={i18n.resolvedLanguage ?? "en"} />
      )}
    </div>
  );
}

function SentPanel({ title }: { title: string }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="success-panel" aria-labelledby="sent-heading">
      <h1 id="sent-heading" ref={headingRef} tabIndex={-1} className="page-title">
        {t("propose.success.title")}
      </h1>
      <p role="status">{t("propose.success.text", { title })}</p>
      <p className="actions">
        <Link className="button button-primary" to={paths.home.getHref()}>
          {t("propose.success.back")}
        </Link>
        <Link className="button button-secondary" to={paths.propose.getHref()}>
          {t("propose.success.another")}
        </Link>
      </p>
    </section>
  );
}

function ProposeForm({ result, uiLanguage }: { result: ProposeResult | undefined; uiLanguage: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const taxonomy = useTaxonomy();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const summaryRef = useRef<HTMLDivElement>(null);
  const submitting = navigation.state === "submitting";

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
    if (result && result.status !== "sent") summaryRef.current?.focus();
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

  const defaultLanguage = isUiLanguage(uiLanguage) ? uiLanguage : "en";
  const situationTypes = taxonomy?.situationTypes ?? [];
  const channels = taxonomy?.channels ?? [];
  const audiences = taxonomy?.audiences ?? [];

  return (
    <>
      <h1 className="page-title">{t("propose.title")}</h1>
      <p className="lead">{t("propose.intro")}</p>

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
        <Field name="title" label={fieldLabel("title")} hint={t("propose.fields.titleHint")} errors={errorsOf("title")}>
          {(control) => (
            <input
              {...control}
              name="title"
              type="text"
              defaultValue={searchParams.get("title") ?? ""}
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
          {(control) => <textarea {...control} name="situation" rows={4} />}
        </Field>

        <div className="field-row">
          <Field name="situationType" label={fieldLabel("situationType")} errors={errorsOf("situationType")}>
            {(control) => (
              <select {...control} name="situationType" defaultValue="">
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
              <select {...control} name="language" defaultValue={defaultLanguage}>
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
          errors={errorsOf("channels")}
        />
        {audiences.length > 0 && (
          <CheckboxGroup
            name="audiences"
            legend={fieldLabel("audiences")}
            optional
            options={audiences.map((entry) => ({ id: entry.id, label: labels.audience(entry.id) }))}
            errors={errorsOf("audiences")}
          />
        )}

        <Field
          name="response"
          label={fieldLabel("response")}
          hint={`${t("propose.fields.responseHint")} ${t("propose.onePerLine")}`}
          errors={errorsOf("response")}
        >
          {(control) => <textarea {...control} name="response" rows={6} />}
        </Field>

        <Field
          name="sayPhrases"
          label={fieldLabel("sayPhrases")}
          hint={t("propose.onePerLine")}
          optional
          errors={errorsOf("sayPhrases")}
        >
          {(control) => <textarea {...control} name="sayPhrases" rows={3} />}
        </Field>

        <Field
          name="avoidPhrases"
          label={fieldLabel("avoidPhrases")}
          hint={t("propose.onePerLine")}
          optional
          errors={errorsOf("avoidPhrases")}
        >
          {(control) => <textarea {...control} name="avoidPhrases" rows={3} />}
        </Field>

        <Field
          name="tags"
          label={fieldLabel("tags")}
          hint={t("propose.fields.tagsHint")}
          optional
          errors={errorsOf("tags")}
        >
          {(control) => <input {...control} name="tags" type="text" />}
        </Field>

        <div className="field-row">
          <Field
            name="source"
            label={fieldLabel("source")}
            hint={t("propose.fields.sourceHint")}
            optional
            errors={errorsOf("source")}
          >
            {(control) => <input {...control} name="source" type="text" maxLength={300} />}
          </Field>
          <Field
            name="reviewBy"
            label={fieldLabel("reviewBy")}
            hint={t("propose.fields.reviewByHint")}
            optional
            errors={errorsOf("reviewBy")}
          >
            {(control) => <input {...control} name="reviewBy" type="date" />}
          </Field>
        </div>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? t("propose.submitting") : t("propose.submit")}
          </button>
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
  errors: string[];
}

function CheckboxGroup({ name, legend, optional, options, errors }: CheckboxGroupProps) {
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
        {optional && <span className="field-optional"> ({t("propose.optional")})</span>}
      </legend>
      {errorId && <FieldErrors id={errorId} errors={errors} />}
      <div className="checkboxes">
        {options.map((option, index) => {
          const props = control(index);
          return (
            <label key={option.id} className="checkbox" htmlFor={props.id}>
              <input {...props} type="checkbox" name={name} value={option.id} />
              <span>{option.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
