import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "@/components/field";
import type { SynonymGroup } from "../api/get-synonyms";
import { targetOf } from "../taxonomy-action";
import { useTaxonomyChange } from "./taxonomy-change";

/** The synonym groups search expands queries with: the list, each with a delete, and a form to add one. */
export function SynonymsSection({ groups }: { groups: SynonymGroup[] }) {
  const { t } = useTranslation();
  const fetcher = useTaxonomyChange();
  const [formKey, setFormKey] = useState(0);
  const target = targetOf("synonyms", "new");
  const result = fetcher.state === "idle" && fetcher.data?.target === target ? fetcher.data : undefined;

  useEffect(() => {
    if (result?.ok) setFormKey((key) => key + 1);
  }, [result]);

  return (
    <section className="list-section" aria-labelledby="synonyms">
      <h2 id="synonyms" className="section-title" tabIndex={-1}>
        {t("taxonomyAdmin.synonyms.title")} <span className="section-count">({groups.length})</span>
      </h2>
      <p className="section-hint">{t("taxonomyAdmin.synonyms.intro")}</p>
      {groups.length === 0 ? (
        <p>{t("taxonomyAdmin.synonyms.empty")}</p>
      ) : (
        <ul className="plain-list synonym-list">
          {groups.map((group) => (
            <SynonymRow key={group.id} group={group} />
          ))}
        </ul>
      )}
      <fetcher.Form method="post" className="inline-form add-synonyms" key={formKey} noValidate>
        <input type="hidden" name="intent" value="createSynonyms" />
        <Field
          name="new-synonyms"
          label={t("taxonomyAdmin.synonyms.terms")}
          hint={t("taxonomyAdmin.synonyms.termsHint")}
          errors={result?.fieldErrors?.terms ? [t(`taxonomyAdmin.errors.${result.fieldErrors.terms}`)] : []}
        >
          {(control) => <input {...control} name="terms" type="text" />}
        </Field>
        {result && !result.ok && result.message && (
          <p className="field-error" role="alert">
            {t("taxonomyAdmin.failed", { message: result.message })}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t("taxonomyAdmin.synonyms.add")}
          </button>
        </div>
      </fetcher.Form>
    </section>
  );
}

/** One synonym group, with a delete that asks once more before it deletes. */
function SynonymRow({ group }: { group: SynonymGroup }) {
  const { t } = useTranslation();
  const fetcher = useTaxonomyChange();
  const [confirming, setConfirming] = useState(false);
  const target = targetOf("synonyms", group.id);
  const result = fetcher.state === "idle" && fetcher.data?.target === target ? fetcher.data : undefined;
  const terms = group.terms.join(", ");
  return (
    <li className="card synonym-group">
      <p className="synonym-terms">{terms}</p>
      {group.common ? <p className="section-hint">{t("taxonomyAdmin.synonyms.common")}</p> : null}
      {confirming ? (
        <fetcher.Form method="post" className="form-actions">
          <input type="hidden" name="intent" value="deleteSynonyms" />
          <input type="hidden" name="id" value={group.id} />
          <span>{t("taxonomyAdmin.synonyms.confirmDelete")}</span>
          <button type="submit" className="button button-danger-solid button-small">
            {t("taxonomyAdmin.deleteNow")}
            <span className="visually-hidden">: {terms}</span>
          </button>
          <button type="button" className="button button-secondary button-small" onClick={() => setConfirming(false)}>
            {t("taxonomyAdmin.cancel")}
          </button>
        </fetcher.Form>
      ) : (
        <button
          type="button"
          className="button button-secondary button-small button-danger"
          onClick={() => setConfirming(true)}
        >
          {t("taxonomyAdmin.delete")}
          <span className="visually-hidden">: {terms}</span>
        </button>
      )}
      {result && !result.ok && (
        <p className="field-error" role="alert">
          {t("taxonomyAdmin.failed", { message: result.message ?? "" })}
        </p>
      )}
    </li>
  );
}
