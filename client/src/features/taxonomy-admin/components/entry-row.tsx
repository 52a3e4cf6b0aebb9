import { type TaxonomyEntry, type TaxonomyKind, UI_LANGUAGES } from "@practice-kb/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "@/components/field";
import { LANGUAGE_NAMES } from "@/lib/languages";
import { targetOf } from "../taxonomy-action";
import { LabelFields } from "./label-fields";
import { useEntryLabel, useTaxonomyChange } from "./taxonomy-change";

type Mode = "view" | "edit" | "merge" | "delete";

/** One taxonomy entry: its labels, and the forms to edit, merge or delete it (one open at a time). */
export function EntryRow({
  kind,
  entry,
  others,
}: {
  kind: TaxonomyKind;
  entry: TaxonomyEntry;
  others: TaxonomyEntry[];
}) {
  const { t } = useTranslation();
  const fetcher = useTaxonomyChange();
  const labelOf = useEntryLabel();
  const [mode, setMode] = useState<Mode>("view");
  const target = targetOf(kind, entry.id);
  const result = fetcher.state === "idle" && fetcher.data?.target === target ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("id") === entry.id;
  const label = labelOf(entry);
  const headingId = `entry-${kind}-${entry.id}`;

  // A saved edit closes the form; a refused delete offers the merge instead.
  useEffect(() => {
    if (result?.ok && result.intent === "update") setMode("view");
    if (result && !result.ok && result.inUse !== undefined) setMode("merge");
  }, [result]);

  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={entry.id} />
    </>
  );

  return (
    <article className="card entry" aria-labelledby={headingId} aria-busy={busy || undefined}>
      <h3 className="entry-title" id={headingId}>
        {label} <code className="entry-id">{entry.id}</code>
      </h3>
      {mode !== "edit" && (
        <dl className="entry-labels">
          {UI_LANGUAGES.map((language) => (
            <div key={language}>
              <dt>{LANGUAGE_NAMES[language]}</dt>
              <dd lang={language}>
                {entry.labels[language] ?? <span className="muted">{t("taxonomyAdmin.missing")}</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {mode === "view" && (
        <div className="card-actions">
          <button type="button" className="button button-secondary button-small" onClick={() => setMode("edit")}>
            {t("taxonomyAdmin.edit")}
            <span className="visually-hidden">: {label}</span>
          </button>
          {others.length > 0 && (
            <button type="button" className="button button-secondary button-small" onClick={() => setMode("merge")}>
              {t("taxonomyAdmin.merge")}
              <span className="visually-hidden">: {label}</span>
            </button>
          )}
          <button
            type="button"
            className="button button-secondary button-small button-danger"
            onClick={() => setMode("delete")}
          >
            {t("taxonomyAdmin.delete")}
            <span className="visually-hidden">: {label}</span>
          </button>
        </div>
      )}
      {mode === "edit" && (
        <fetcher.Form method="post" className="inline-form" noValidate>
          {hidden("update")}
          <input
            type="hidden"
            name="otherLabels"
            value={JSON.stringify(
              Object.fromEntries(
                Object.entries(entry.labels).filter(
                  ([language]) => !(UI_LANGUAGES as readonly string[]).includes(language),
                ),
              ),
            )}
          />
          <LabelFields prefix={`${kind}-${entry.id}`} labels={entry.labels} errors={result?.fieldErrors} />
          <SubmitOrCancel
            busy={busy}
            submitClass="button-primary"
            submitLabel={t("taxonomyAdmin.save")}
            onCancel={() => setMode("view")}
          />
        </fetcher.Form>
      )}
      {mode === "delete" && (
        <fetcher.Form method="post" className="inline-form confirm">
          {hidden("delete")}
          <p>{t("taxonomyAdmin.confirmDelete", { label })}</p>
          <SubmitOrCancel
            busy={busy}
            submitClass="button-danger-solid"
            submitLabel={t("taxonomyAdmin.deleteNow")}
            onCancel={() => setMode("view")}
          />
        </fetcher.Form>
      )}
      {mode === "merge" && (
        <fetcher.Form method="post" className="inline-form" noValidate>
          {hidden("merge")}
          {result?.inUse !== undefined && (
            <p className="field-error" role="alert">
              {t("taxonomyAdmin.inUse", { count: result.inUse, label })}
            </p>
          )}
          <Field
            name={`into-${kind}-${entry.id}`}
            label={t("taxonomyAdmin.mergeInto", { label })}
            hint={t("taxonomyAdmin.mergeHint", { label })}
            errors={result?.fieldErrors?.into ? [t(`taxonomyAdmin.errors.${result.fieldErrors.into}`)] : []}
          >
            {(control) => (
              <select {...control} name="into" defaultValue="">
                <option value="">{t("taxonomyAdmin.chooseTarget")}</option>
                {others.map((other) => (
                  <option key={other.id} value={other.id}>
                    {labelOf(other)} ({other.id})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SubmitOrCancel
            busy={busy}
            submitClass="button-primary"
            submitLabel={t("taxonomyAdmin.mergeNow")}
            onCancel={() => setMode("view")}
          />
        </fetcher.Form>
      )}
      {result && !result.ok && result.message && result.inUse === undefined && (
        <p className="field-error" role="alert">
          {t("taxonomyAdmin.failed", { message: result.message })}
        </p>
      )}
    </article>
  );
}

/** A confirming form's buttons: the step itself, and going back to the entry as it is. */
function SubmitOrCancel(props: { busy: boolean; submitClass: string; submitLabel: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className={`button ${props.submitClass}`} disabled={props.busy}>
        {props.submitLabel}
      </button>
      <button type="button" className="button button-secondary" onClick={props.onCancel}>
        {t("taxonomyAdmin.cancel")}
      </button>
    </div>
  );
}
