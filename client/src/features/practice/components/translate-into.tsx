import { CONTENT_LANGUAGES, type PracticeDetail, type PracticeTranslations } from "@practice-kb/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { paths } from "@/config/paths";
import { languageName } from "@/lib/languages";

interface TranslateIntoProps {
  practice: PracticeDetail;
  translations: PracticeTranslations;
}

/**
 * "Translate into my language" (when the practice is in another language and its group has none in the UI's),
 * and "translate into…" any language the group does not have yet; both open the proposal form beside it.
 */
export function TranslateInto({ practice, translations }: TranslateIntoProps) {
  const { t, i18n } = useTranslation();
  const selectId = useId();
  if (practice.status !== "approved") return null;
  const taken = new Set([practice.language, ...translations.versions.map((version) => version.language)]);
  const free = CONTENT_LANGUAGES.filter((language) => !taken.has(language));
  if (free.length === 0) return null;
  const uiLanguage = i18n.resolvedLanguage ?? "en";
  const mine = free.find((language) => language === uiLanguage);
  return (
    <div className="translate-into no-print">
      {mine && (
        <Link className="button button-secondary" to={paths.translatePractice.getHref(practice.id, mine)}>
          {t("practice.translate.mine", { language: languageName(mine) })}
        </Link>
      )}
      <Form method="get" action={paths.translatePractice.getHref(practice.id)} className="translate-into-form">
        <label htmlFor={selectId}>{t("practice.translate.into")}</label>
        <select id={selectId} name="language" defaultValue={mine ?? free[0]}>
          {free.map((language) => (
            <option key={language} value={language}>
              {languageName(language)}
            </option>
          ))}
        </select>
        <button type="submit" className="button button-secondary">
          {t("practice.translate.go")}
        </button>
      </Form>
    </div>
  );
}
