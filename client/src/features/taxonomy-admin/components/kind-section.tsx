import type { TaxonomyEntry, TaxonomyKind } from "@practice-kb/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "@/components/field";
import { targetOf } from "../taxonomy-action";
import { EntryRow } from "./entry-row";
import { LabelFields } from "./label-fields";
import { useTaxonomyChange } from "./taxonomy-change";

/** One kind of the taxonomy (situation types, channels or audiences): its entries and a form to add one. */
export function KindSection({ kind, entries }: { kind: TaxonomyKind; entries: TaxonomyEntry[] }) {
  const { t } = useTranslation();
  const headingId = `kind-${kind}`;
  return (
    <section className="list-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title" tabIndex={-1}>
        {t(`taxonomyAdmin.kinds.${kind}`)} <span className="section-count">({entries.length})</span>
      </h2>
      <ul className="plain-list entry-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <EntryRow kind={kind} entry={entry} others={entries.filter((other) => other.id !== entry.id)} />
          </li>
        ))}
      </ul>
      <AddEntry kind={kind} />
    </section>
  );
}

/** The form that adds an entry of one kind; it starts empty again after each add. */
function AddEntry({ kind }: { kind: TaxonomyKind }) {
  const { t } = useTranslation();
  const fetcher = useTaxonomyChange();
  const [formKey, setFormKey] = useState(0);
  const target = targetOf(kind, "new");
  const result = fetcher.state === "idle" && fetcher.data?.target === target ? fetcher.data : undefined;
  const busy =
    fetcher.state !== "idle" && fetcher.formData?.get("intent") === "create" && fetcher.formData?.get("kind") === kind;

  // After adding, the form starts empty for the next one.
  useEffect(() => {
    if (result?.ok) setFormKey((key) => key + 1);
  }, [result]);

  const idError = result?.fieldErrors?.id;
  return (
    <details className="add-entry" open={result !== undefined && !result.ok ? true : undefined}>
      <summary>{t(`taxonomyAdmin.add.${kind}`)}</summary>
      <fetcher.Form method="post" className="inline-form" key={formKey} noValidate>
        <input type="hidden" name="intent" value="create" />
        <input type="hidden" name="kind" value={kind} />
        <Field
          name={`new-${kind}-id`}
          label={t("taxonomyAdmin.id")}
          hint={t("taxonomyAdmin.idHint")}
          errors={idError ? [t(`taxonomyAdmin.errors.${idError}`)] : []}
        >
          {(control) => (
            <input {...control} name="id" type="text" maxLength={60} autoCapitalize="none" spellCheck={false} />
          )}
        </Field>
        <LabelFields prefix={`new-${kind}`} errors={result?.fieldErrors} />
        {result && !result.ok && result.message && (
          <p className="field-error" role="alert">
            {t("taxonomyAdmin.failed", { message: result.message })}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t("taxonomyAdmin.addNow")}
          </button>
        </div>
      </fetcher.Form>
    </details>
  );
}
