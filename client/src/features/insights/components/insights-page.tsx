import { UI_LANGUAGES } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { Form, Link, useNavigation } from "react-router";
import { LoadingBar } from "@/components/status";
import { paths } from "@/config/paths";
import { useDocumentTitle } from "@/lib/dom";
import { LANGUAGE_NAMES } from "@/lib/languages";
import { useLabels, useTaxonomy } from "@/lib/taxonomy";
import { type InsightRequest, insightHref, presetRange, RANGE_PRESETS } from "../insight-filters";
import type { InsightsData } from "../load-insights";
import { CoveragePanel } from "./coverage-panel";
import { MeaningProgressNote } from "./meaning-progress-note";
import { PracticesPanel } from "./practices-panel";
import { SearchesPanel } from "./searches-panel";
import { TranslationsPanel } from "./translations-panel";
import { UnansweredPanel } from "./unanswered-panel";

/** The team lead's insight: one range and set of filters, applied to every panel. */
export function InsightsPage({ data }: { data: InsightsData }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  useDocumentTitle(t("insights.title"), t("app.name"));
  const loading = navigation.state === "loading" && navigation.location.pathname === paths.insights.path;

  return (
    <div className="insights-page">
      <LoadingBar active={loading} />
      <h1 className="page-title">{t("insights.title")}</h1>
      <p className="lead">{t("insights.intro")}</p>
      <MeaningProgressNote progress={data.meaning} />
      <FiltersForm request={data.request} />
      <nav className="page-toc" aria-label={t("insights.contents")}>
        <ul>
          {(["searches", "unanswered", "practices", "coverage", "translations"] as const).map((panel) => (
            <li key={panel}>
              <a href={`#${panel}`}>{t(`insights.${panel}.title`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <SearchesPanel data={data} />
      <UnansweredPanel data={data} />
      <PracticesPanel data={data} />
      <CoveragePanel data={data} />
      <TranslationsPanel data={data} />
    </div>
  );
}

/** The range (with one-click presets) and the filters; a GET form, so the URL is the state and can be shared. */
function FiltersForm({ request }: { request: InsightRequest }) {
  const { t } = useTranslation();
  const taxonomy = useTaxonomy();
  const labels = useLabels();
  const timeZone = request.timeZone ?? "UTC";
  const select = (name: "uiLanguage" | "channel" | "situationType", options: { id: string; label: string }[]) => (
    <div className="insight-filter">
      <label htmlFor={`insight-${name}`}>{t(`insights.filters.${name}`)}</label>
      <select id={`insight-${name}`} name={name} defaultValue={request[name] ?? ""}>
        <option value="">{t("insights.filters.any")}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    // keyed by the request, so a preset link or the back button shows its own values in the fields
    <Form method="get" className="insight-filters" key={insightHref(request).toString()}>
      <fieldset>
        <legend>{t("insights.filters.legend")}</legend>
        <div className="insight-filter-row">
          <div className="insight-filter">
            <label htmlFor="insight-from">{t("insights.filters.from")}</label>
            <input id="insight-from" type="date" name="from" defaultValue={request.from} required />
          </div>
          <div className="insight-filter">
            <label htmlFor="insight-to">{t("insights.filters.to")}</label>
            <input id="insight-to" type="date" name="to" defaultValue={request.to} required />
          </div>
          {select(
            "uiLanguage",
            UI_LANGUAGES.map((code) => ({ id: code, label: LANGUAGE_NAMES[code] })),
          )}
          {select(
            "channel",
            (taxonomy?.channels ?? []).map((entry) => ({ id: entry.id, label: labels.channel(entry.id) })),
          )}
          {select(
            "situationType",
            (taxonomy?.situationTypes ?? []).map((entry) => ({ id: entry.id, label: labels.situationType(entry.id) })),
          )}
          <button type="submit" className="button button-primary">
            {t("insights.filters.apply")}
          </button>
        </div>
        <p className="insight-presets">
          <span>{t("insights.filters.presets")}</span>
          {RANGE_PRESETS.map((days) => (
            <Link key={days} to={paths.insights.getHref(insightHref(request, presetRange(days, new Date(), timeZone)))}>
              {t("insights.filters.lastDays", { count: days })}
            </Link>
          ))}
        </p>
      </fieldset>
    </Form>
  );
}
