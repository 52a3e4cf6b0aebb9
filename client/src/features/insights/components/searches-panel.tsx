import type { SearchActivity } from "@practice-kb/shared/insights";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "@/lib/format";
import { languageName } from "@/lib/languages";
import { useLabels } from "@/lib/taxonomy";
import type { InsightsData } from "../load-insights";
import { BarChart, type BarSeries } from "./bar-chart";
import { DataTable } from "./data-table";

type Count = SearchActivity["byChannel"][number];

/** Searches over time (answered and unanswered per day), and by interface language, channel and type chosen. */
export function SearchesPanel({ data }: { data: InsightsData }) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const labels = useLabels();
  const { searches } = data;
  const share = searches.searches > 0 ? Math.round((searches.unanswered / searches.searches) * 100) : 0;
  const dayLabels = useMemo(() => searches.days.map((day) => date(day.date)), [searches.days, date]);
  const daySeries = useMemo<BarSeries[]>(
    () => [
      {
        label: t("insights.searches.answered"),
        values: searches.days.map((day) => day.searches - day.unanswered),
        color: "--accent",
      },
      {
        label: t("insights.searches.unanswered"),
        values: searches.days.map((day) => day.unanswered),
        color: "--alert-border",
      },
    ],
    [searches.days, t],
  );
  const none = (key: string, label: (id: string) => string) => (key === "none" ? t("insights.noneChosen") : label(key));
  const breakdowns = [
    { name: "byUiLanguage", rows: searches.byUiLanguage, label: (key: string) => none(key, languageName) },
    { name: "byChannel", rows: searches.byChannel, label: (key: string) => none(key, labels.channel) },
    {
      name: "bySituationType",
      rows: searches.bySituationType,
      label: (key: string) => none(key, labels.situationType),
    },
  ] as const;

  return (
    <section className="insight-panel" id="searches" aria-labelledby="searches-heading">
      <h2 id="searches-heading" className="section-title">
        {t("insights.searches.title")}
      </h2>
      <p className="section-hint">{t("insights.searches.hint")}</p>
      <dl className="insight-totals">
        <div>
          <dt>{t("insights.searches.total")}</dt>
          <dd data-testid="searches-total">{searches.searches}</dd>
        </div>
        <div>
          <dt>{t("insights.searches.unanswered")}</dt>
          <dd>
            {searches.unanswered} <span className="muted">({t("insights.searches.share", { percent: share })})</span>
          </dd>
        </div>
        <div>
          <dt>{t("insights.searches.zeroResults")}</dt>
          <dd>{searches.zeroResults}</dd>
        </div>
      </dl>
      {searches.searches > 0 && (
        <BarChart labels={dayLabels} series={daySeries} stacked description={t("insights.searches.chart")} />
      )}
      <details className="insight-details">
        <summary>{t("insights.searches.perDay")}</summary>
        <DataTable
          caption={t("insights.searches.perDay")}
          captionHidden
          fileName="searches-per-day"
          empty={t("insights.empty")}
          rows={searches.days}
          rowKey={(day) => day.date}
          columns={[
            {
              key: "date",
              header: t("insights.searches.day"),
              value: (day) => day.date,
              render: (day) => date(day.date),
            },
            { key: "searches", header: t("insights.searches.total"), value: (day) => day.searches, numeric: true },
            {
              key: "unanswered",
              header: t("insights.searches.unanswered"),
              value: (day) => day.unanswered,
              numeric: true,
            },
          ]}
        />
      </details>
      <div className="insight-grid">
        {breakdowns.map((breakdown) => (
          <Breakdown key={breakdown.name} name={breakdown.name} rows={breakdown.rows} label={breakdown.label} />
        ))}
      </div>
    </section>
  );
}

/** One "searches by ..." breakdown: a horizontal bar chart and its table. */
function Breakdown({ name, rows, label }: { name: string; rows: Count[]; label: (key: string) => string }) {
  const { t } = useTranslation();
  const title = t(`insights.searches.${name}`);
  const chartLabels = useMemo(() => rows.map((row) => label(row.key)), [rows, label]);
  const series = useMemo<BarSeries[]>(
    () => [{ label: t("insights.searches.total"), values: rows.map((row) => row.count), color: "--accent" }],
    [rows, t],
  );
  return (
    <div className="insight-breakdown">
      <h3>{title}</h3>
      {rows.length > 0 && <BarChart labels={chartLabels} series={series} horizontal description={title} />}
      <DataTable
        caption={title}
        captionHidden
        fileName={`searches-${name}`}
        empty={t("insights.empty")}
        rows={rows}
        rowKey={(row) => row.key}
        columns={[
          { key: "key", header: t(`insights.searches.${name}Key`), value: (row) => label(row.key) },
          { key: "count", header: t("insights.searches.total"), value: (row) => row.count, numeric: true },
        ]}
      />
    </div>
  );
}
