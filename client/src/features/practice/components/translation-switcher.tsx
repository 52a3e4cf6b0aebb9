import { type PracticeDetail, type PracticeTranslations, TRANSLATION_LINK_ROLE } from "@practice-kb/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useFetcher } from "react-router";
import { paths } from "@/config/paths";
import { languageName } from "@/lib/languages";
import { useHasRole } from "@/lib/session";
import type { TranslationStepResult } from "../translation-links";

interface TranslationSwitcherProps {
  practice: PracticeDetail;
  translations: PracticeTranslations;
}

/**
 * The same practice in other languages, one click each; a team lead also marks it as the translation of
 * another practice here, or takes it out of its group.
 */
export function TranslationSwitcher({ practice, translations }: TranslationSwitcherProps) {
  const { t } = useTranslation();
  const mayLink = useHasRole(TRANSLATION_LINK_ROLE);
  if (translations.versions.length === 0 && !mayLink) return null;
  return (
    <div className="translations no-print">
      {translations.versions.length > 0 && (
        <nav aria-label={t("practice.translations.label")}>
          <span className="translations-label">{t("practice.translations.label")}</span>
          <ul className="translations-list">
            <li>
              <span aria-current="page" lang={practice.language} className="translation-current">
                {languageName(practice.language)}
              </span>
            </li>
            {translations.versions.map((version) => (
              <li key={version.id}>
                <Link
                  to={paths.practice.getHref(version.id)}
                  lang={version.language}
                  hrefLang={version.language}
                  title={version.title}
                >
                  {languageName(version.language)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {mayLink && <TranslationLinkForm practiceId={practice.id} linked={translations.group !== null} />}
    </div>
  );
}

/** A team lead's form: "this is a translation of …" (an id or a practice's address), and "unlink". */
function TranslationLinkForm({ practiceId, linked }: { practiceId: string; linked: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<TranslationStepResult>({ key: `translation-link-${practiceId}` });
  const inputId = useId();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle";
  return (
    <details className="translation-link">
      <summary>{t("practice.translations.manage")}</summary>
      <fetcher.Form method="post" className="translation-link-form">
        <label htmlFor={inputId}>{t("practice.translations.of")}</label>
        <input id={inputId} name="of" required autoComplete="off" placeholder={t("practice.translations.ofHint")} />
        <button type="submit" name="intent" value="linkTranslation" className="button button-secondary" disabled={busy}>
          {t("practice.translations.link")}
        </button>
      </fetcher.Form>
      {linked && (
        <fetcher.Form method="post">
          <button
            type="submit"
            name="intent"
            value="unlinkTranslation"
            className="button button-secondary"
            disabled={busy}
          >
            {t("practice.translations.unlink")}
          </button>
        </fetcher.Form>
      )}
      <p role="status" className={result && !result.ok ? "form-error" : undefined}>
        {result
          ? result.ok
            ? t(`practice.translations.done.${result.step}`)
            : t("practice.actionFailed", { message: result.message })
          : ""}
      </p>
    </details>
  );
}
