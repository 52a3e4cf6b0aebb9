import { CONTENT_LANGUAGES } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { Form, useNavigation } from "react-router";
import { languageName } from "@/lib/languages";
import { useLabels, useTaxonomy } from "@/lib/taxonomy";
import { PracticePicker } from "./practice-picker";

/** The lead's form for a new set: a name, then filters or a hand-picked list of practices. */
export function SetForm() {
  const { t } = useTranslation();
  const taxonomy = useTaxonomy();
  const labels = useLabels();
  const busy = useNavigation().state === "submitting";
  const choices = (name: string, legend: string, options: { id: string; label: string }[]) => (
    <fieldset className="drill-choices">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.id} className="drill-choice">
          <input type="checkbox" name={name} value={option.id} /> {option.label}
        </label>
      ))}
    </fieldset>
  );
  return (
    <section className="drill-panel" aria-labelledby="drill-set-form">
      <h2 id="drill-set-form">{t("drills.form.title")}</h2>
      <p className="field-hint">{t("drills.form.hint")}</p>
      <Form method="post" className="drill-set-form">
        <div className="field">
          <label htmlFor="drill-set-name" className="field-label">
            {t("drills.form.name")}
          </label>
          <input
            id="drill-set-name"
            name="name"
            required
            maxLength={120}
            placeholder={t("drills.form.namePlaceholder")}
          />
        </div>
        <div className="field">
          <label htmlFor="drill-set-description" className="field-label">
            {t("drills.form.description")}
          </label>
          <input id="drill-set-description" name="description" maxLength={1000} />
        </div>
        {choices(
          "situationTypes",
          t("drills.form.situationTypes"),
          (taxonomy?.situationTypes ?? []).map((entry) => ({ id: entry.id, label: labels.situationType(entry.id) })),
        )}
        {choices(
          "channels",
          t("drills.form.channels"),
          (taxonomy?.channels ?? []).map((entry) => ({ id: entry.id, label: labels.channel(entry.id) })),
        )}
        {choices(
          "languages",
          t("drills.form.languages"),
          CONTENT_LANGUAGES.map((language) => ({ id: language, label: languageName(language) })),
        )}
        <PracticePicker />
        <button type="submit" name="intent" value="create" className="button" disabled={busy}>
          {t("drills.form.create")}
        </button>
      </Form>
    </section>
  );
}
