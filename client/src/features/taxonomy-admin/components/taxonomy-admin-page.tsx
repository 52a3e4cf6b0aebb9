import {
  TAXONOMY_KINDS,
  type Taxonomy,
  type TaxonomyEntry,
  type TaxonomyKind,
  UI_LANGUAGES,
} from "@practice-kb/shared";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import { Field } from "@/components/field";
import { ActionStatus } from "@/components/status";
import { useDocumentTitle } from "@/lib/dom";
import { LANGUAGE_NAMES } from "@/lib/languages";
import type { SynonymGroup } from "../api/get-synonyms";
import { type FieldErrorKind, type TaxonomyResult, targetOf } from "../taxonomy-action";

/** All forms of the page post through this one fetcher, so the page can report each outcome in one place. */
const FETCHER = "taxonomy-change";

/** What the taxonomy route's loader hands the page. */
export interface TaxonomyAdminData {
  taxonomy: Taxonomy;
  synonyms: SynonymGroup[];
}

function useChange() {
  return useFetcher<TaxonomyResult>({ key: FETCHER });
}

/** The label of an entry in the UI language (English, then the id, when missing). */
function useEntryLabel() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  return (entry: TaxonomyEntry) => entry.labels[language] ?? entry.labels.en ?? entry.id;
}

/** Curators keep the situation types, channels and audiences (labels in every UI language) and synonym groups. */
export function TaxonomyAdminPage({ data }: { data: TaxonomyAdminData }) {
  const { t } = useTranslation();
  const fetcher = useChange();
  useDocumentTitle(t("taxonomyAdmin.title"), t("app.name"));
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const message = result?.ok ? successMessage(result, t, data.taxonomy) : null;

  return (
    <div className="admin-page">
      <h1 className="page-title">{t("taxonomyAdmin.title")}</h1>
      <p className="lead">{t("taxonomyAdmin.intro")}</p>
      <ActionStatus message={message} />
      <nav aria-label={t("taxonomyAdmin.contents")} className="page-toc">
        <ul>
          {TAXONOMY_KINDS.map((kind) => (
            <li key={kind}>
              <a href={`#kind-${kind}`}>{t(`taxonomyAdmin.kinds.${kind}`)}</a>
            </li>
          ))}
          <li>
            <a href="#synonyms">{t("taxonomyAdmin.synonyms.title")}</a>
          </li>
        </ul>
      </nav>
      {TAXONOMY_KINDS.map((kind) => (
        <KindSection key={kind} kind={kind} entries={data.taxonomy[kind]} />
      ))}
      <SynonymsSection groups={data.synonyms} />
    </div>
  );
}

type Translate = ReturnType<typeof useTranslation>["t"];

function successMessage(result: TaxonomyResult, t: Translate, taxonomy: Taxonomy): string {
  const [kind, id] = result.target.split(":");
  switch (result.intent) {
    case "create":
      return t("taxonomyAdmin.done.create");
    case "update":
      return t("taxonomyAdmin.done.update", { id });
    case "delete":
      return t("taxonomyAdmin.done.delete", { id });
    case "merge": {
      const entries = (taxonomy as Record<string, TaxonomyEntry[]>)[kind ?? ""] ?? [];
      const into = entries.find((entry) => entry.id === result.into)?.labels.en ?? result.into;
      return t("taxonomyAdmin.done.merge", { id, into, count: result.moved ?? 0 });
    }
    case "createSynonyms":
      return t("taxonomyAdmin.synonyms.added");
    case "deleteSynonyms":
      return t("taxonomyAdmin.synonyms.deleted");
  }
}

function KindSection({ kind, entries }: { kind: TaxonomyKind; entries: TaxonomyEntry[] }) {
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

type Mode = "view" | "edit" | "merge" | "delete";

function EntryRow({ kind, entry, others }: { kind: TaxonomyKind; entry: TaxonomyEntry; others: TaxonomyEntry[] }) {
  const { t } = useTranslation();
  const fetcher = useChange();
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
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("taxonomyAdmin.save")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setMode("view")}>
              {t("taxonomyAdmin.cancel")}
            </button>
          </div>
        </fetcher.Form>
      )}
      {mode === "delete" && (
        <fetcher.Form method="post" className="inline-form confirm">
          {hidden("delete")}
          <p>{t("taxonomyAdmin.confirmDelete", { label })}</p>
          <div className="form-actions">
            <button type="submit" className="button button-danger-solid" disabled={busy}>
              {t("taxonomyAdmin.deleteNow")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setMode("view")}>
              {t("taxonomyAdmin.cancel")}
            </button>
          </div>
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
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("taxonomyAdmin.mergeNow")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setMode("view")}>
              {t("taxonomyAdmin.cancel")}
            </button>
          </div>
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

function LabelFields({
  prefix,
  labels,
  errors,
}: {
  prefix: string;
  labels?: Record<string, string>;
  errors?: Record<string, FieldErrorKind>;
}) {
  const { t } = useTranslation();
  return (
    <div className="label-fields">
      {UI_LANGUAGES.map((language) => {
        const error = errors?.[`label-${language}`];
        return (
          <Field
            key={language}
            name={`${prefix}-label-${language}`}
            label={t("taxonomyAdmin.labelIn", { language: LANGUAGE_NAMES[language] })}
            optional={language !== "en"}
            errors={error ? [t(`taxonomyAdmin.errors.${error}`)] : []}
          >
            {(control) => (
              <input
                {...control}
                name={`label-${language}`}
                type="text"
                lang={language}
                maxLength={120}
                defaultValue={labels?.[language] ?? ""}
              />
            )}
          </Field>
        );
      })}
    </div>
  );
}

function AddEntry({ kind }: { kind: TaxonomyKind }) {
  const { t } = useTranslation();
  const fetcher = useChange();
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

function SynonymsSection({ groups }: { groups: SynonymGroup[] }) {
  const { t } = useTranslation();
  const fetcher = useChange();
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

function SynonymRow({ group }: { group: SynonymGroup }) {
  const { t } = useTranslation();
  const fetcher = useChange();
  const [confirming, setConfirming] = useState(false);
  const target = targetOf("synonyms", group.id);
  const result = fetcher.state === "idle" && fetcher.data?.target === target ? fetcher.data : undefined;
  const terms = group.terms.join(", ");
  return (
    <li className="card synonym-group">
      <p className="synonym-terms">{terms}</p>
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
