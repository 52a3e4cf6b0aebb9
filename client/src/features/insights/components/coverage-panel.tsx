import { CONTENT_LANGUAGES, type UiLanguage } from "@practice-kb/shared";
import type { CoverageCell } from "@practice-kb/shared/insights";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { languageName } from "@/lib/languages";
import { useLabels, useTaxonomy } from "@/lib/taxonomy";
import type { InsightsData } from "../load-insights";
import { CsvButton } from "./csv-button";

/** A cell the desk asked for and the base has nothing in: searches there, no approved practice. */
export function isGap(cell: Pick<CoverageCell, "situationType" | "channel" | "practices" | "searches">): boolean {
  return cell.situationType !== null && cell.channel !== null && cell.searches > 0 && cell.practices === 0;
}

/** Rows (situation types) or columns (channels): the taxonomy's order, then any other id met, then "none chosen". */
function axis(known: string[], met: (string | null)[]): (string | null)[] {
  const extra = [...new Set(met.filter((id): id is string => id !== null && !known.includes(id)))].sort();
  return [...known, ...extra, ...(met.includes(null) ? [null] : [])];
}

/** The coverage map: per content language, situation type × channel, practices held against searches made. */
export function CoveragePanel({ data }: { data: InsightsData }) {
  const { t, i18n } = useTranslation();
  const taxonomy = useTaxonomy();
  const labels = useLabels();
  const languages = CONTENT_LANGUAGES.filter(
    (code) => !data.request.uiLanguage || code === data.request.uiLanguage,
  ) as readonly UiLanguage[];
  const preferred = (data.request.uiLanguage ?? i18n.resolvedLanguage ?? "en") as UiLanguage;
  const [language, setLanguage] = useState<UiLanguage>(
    languages.includes(preferred) ? preferred : (languages[0] ?? "en"),
  );
  const cells = data.coverage.languages.find((entry) => entry.language === language)?.cells ?? [];
  const cellAt = (type: string | null, channel: string | null) =>
    cells.find((cell) => cell.situationType === type && cell.channel === channel);
  const types = axis(
    (taxonomy?.situationTypes ?? [])
      .map((entry) => entry.id)
      .filter((id) => !data.request.situationType || id === data.request.situationType),
    cells.map((cell) => cell.situationType),
  );
  const channels = axis(
    (taxonomy?.channels ?? [])
      .map((entry) => entry.id)
      .filter((id) => !data.request.channel || id === data.request.channel),
    cells.map((cell) => cell.channel),
  );
  const typeLabel = (id: string | null) => (id === null ? t("insights.noneChosen") : labels.situationType(id));
  const channelLabel = (id: string | null) => (id === null ? t("insights.noneChosen") : labels.channel(id));
  const gaps = cells.filter(isGap).length;
  const caption = t("insights.coverage.caption", { language: languageName(language) });

  const csvHeader = ["language", "situationType", "channel", "practices", "searches", "unanswered", "used"];
  const csvRows = () =>
    data.coverage.languages.flatMap((entry) =>
      entry.cells.map((cell) => [
        entry.language,
        cell.situationType,
        cell.channel,
        cell.practices,
        cell.searches,
        cell.unanswered,
        cell.used,
      ]),
    );

  return (
    <section className="insight-panel" id="coverage" aria-labelledby="coverage-heading">
      <h2 id="coverage-heading" className="section-title">
        {t("insights.coverage.title")}
      </h2>
      <p className="section-hint">{t("insights.coverage.hint")}</p>
      <fieldset className="coverage-languages">
        <legend className="visually-hidden">{t("insights.coverage.language")}</legend>
        {languages.map((code) => (
          <button
            key={code}
            type="button"
            className="button button-secondary button-small"
            aria-pressed={code === language}
            onClick={() => setLanguage(code)}
          >
            {languageName(code)}
          </button>
        ))}
      </fieldset>
      <p className="coverage-legend">
        <span className="coverage-sample">
          <strong>2</strong> · 5
        </span>{" "}
        {t("insights.coverage.legend")}{" "}
        <span className="coverage-sample coverage-gap">{t("insights.coverage.gap")}</span>{" "}
        <span data-testid="coverage-gap-count">{t("insights.coverage.gaps", { count: gaps })}</span>
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone must be scrollable by keyboard (WCAG 2.1.1) */}
      <section className="insight-table-scroll" tabIndex={0} aria-label={caption}>
        <table className="coverage-map" data-testid="coverage-map">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <td />
              {channels.map((channel) => (
                <th key={channel ?? "none"} scope="col">
                  {channelLabel(channel)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <tr key={type ?? "none"}>
                <th scope="row">{typeLabel(type)}</th>
                {channels.map((channel) => {
                  const cell = cellAt(type, channel);
                  const practices = cell?.practices ?? 0;
                  const searches = cell?.searches ?? 0;
                  const gap = cell ? isGap(cell) : false;
                  return (
                    <td
                      key={channel ?? "none"}
                      className={gap ? "coverage-gap" : practices > 0 ? "coverage-held" : undefined}
                      data-cell={`${type ?? "none"}/${channel ?? "none"}`}
                    >
                      <span aria-hidden="true">
                        <strong>{practices}</strong> · {searches}
                      </span>
                      <span className="visually-hidden">
                        {t("insights.coverage.cell", { practices, searches, unanswered: cell?.unanswered ?? 0 })}
                      </span>
                      {gap && type && channel && (
                        <Link
                          className="coverage-propose"
                          to={paths.propose.getHref(undefined, { language, situationType: type, channels: channel })}
                        >
                          {t("insights.coverage.propose")}
                          <span className="visually-hidden">
                            : {typeLabel(type)}, {channelLabel(channel)}
                          </span>
                        </Link>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <CsvButton name={t("insights.coverage.title")} fileName="coverage" header={csvHeader} rows={csvRows} />
    </section>
  );
}
