import { CONTENT_LANGUAGES, type ContentLanguage } from "@practice-kb/shared";
import type { TranslationGap } from "@practice-kb/shared/insights";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { languageName } from "@/lib/languages";
import type { InsightsData } from "../load-insights";
import { type Column, DataTable } from "./data-table";

/**
 * Coverage by language: per content language, the approved situations that have no version in it, the most
 * used at the desk first, so the team knows what to translate next.
 */
export function TranslationsPanel({ data }: { data: InsightsData }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<ContentLanguage | null>(null);
  const coverage = data.translations;
  const rows = coverage.items.filter((item) => language === null || item.missing.includes(language));
  const columns: Column<TranslationGap>[] = [
    {
      key: "title",
      header: t("insights.translations.practice"),
      value: (row) => row.title,
      render: (row) => (
        <Link
          to={paths.practice.getHref(row.practiceId)}
          lang={row.versions.find((v) => v.id === row.practiceId)?.language}
        >
          {row.title}
        </Link>
      ),
    },
    {
      key: "versions",
      header: t("insights.translations.versions"),
      value: (row) => row.versions.map((version) => version.language).join(" "),
      render: (row) => row.versions.map((version) => languageName(version.language)).join(", "),
    },
    {
      key: "missing",
      header: t("insights.translations.missing"),
      value: (row) => row.missing.join(" "),
      render: (row) => row.missing.map((code) => languageName(code)).join(", "),
    },
    { key: "uses", header: t("insights.translations.uses"), value: (row) => row.uses, numeric: true },
  ];
  return (
    <section className="insight-panel" id="translations" aria-labelledby="translations-heading">
      <h2 id="translations-heading" className="section-title">
        {t("insights.translations.title")}
      </h2>
      <p className="section-hint">{t("insights.translations.hint", { count: coverage.situations })}</p>
      <fieldset className="coverage-languages">
        <legend className="visually-hidden">{t("insights.translations.language")}</legend>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-pressed={language === null}
          onClick={() => setLanguage(null)}
        >
          {t("insights.translations.any")}
        </button>
        {CONTENT_LANGUAGES.map((code) => {
          const missing = coverage.languages.find((entry) => entry.language === code)?.missing ?? 0;
          return (
            <button
              key={code}
              type="button"
              className="button button-secondary button-small"
              aria-pressed={language === code}
              onClick={() => setLanguage(code)}
            >
              {t("insights.translations.missingIn", { language: languageName(code), count: missing })}
            </button>
          );
        })}
      </fieldset>
      <DataTable
        caption={
          language
            ? t("insights.translations.captionIn", { language: languageName(language) })
            : t("insights.translations.caption")
        }
        columns={columns}
        rows={rows}
        rowKey={(row) => row.practiceId}
        fileName="translations"
        empty={t("insights.translations.empty")}
      />
    </section>
  );
}
