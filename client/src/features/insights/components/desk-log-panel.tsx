import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { InsightsData } from "../load-insights";
import { BarChart, type BarSeries } from "./bar-chart";
import { DataTable } from "./data-table";

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

/** The desk log: when "used at the desk" is tapped, by hour of day and weekday. */
export function DeskLogPanel({ data }: { data: InsightsData }) {
  const { t } = useTranslation();
  const { deskLog } = data;
  const byHour = useMemo(() => {
    const counts = new Map(deskLog.byHour.map((entry) => [entry.hour, entry.count]));
    return HOURS.map((hour) => ({ hour, count: counts.get(hour) ?? 0 }));
  }, [deskLog.byHour]);
  const byWeekday = useMemo(() => {
    const counts = new Map(deskLog.byWeekday.map((entry) => [entry.weekday, entry.count]));
    return WEEKDAYS.map((weekday) => ({ weekday, count: counts.get(weekday) ?? 0 }));
  }, [deskLog.byWeekday]);
  const hourLabels = useMemo(() => HOURS.map((hour) => `${hour}`.padStart(2, "0")), []);
  const hourSeries = useMemo<BarSeries[]>(
    () => [{ label: t("insights.deskLog.taps"), values: byHour.map((entry) => entry.count), color: "--say-border" }],
    [byHour, t],
  );
  return (
    <>
      <h3>{t("insights.deskLog.title")}</h3>
      <p className="section-hint">{t("insights.deskLog.hint", { count: deskLog.used })}</p>
      {deskLog.used > 0 && (
        <BarChart labels={hourLabels} series={hourSeries} description={t("insights.deskLog.byHour")} />
      )}
      {deskLog.used > 0 && (
        <div className="insight-grid">
          <details className="insight-details">
            <summary>{t("insights.deskLog.byHour")}</summary>
            <DataTable
              caption={t("insights.deskLog.byHour")}
              fileName="desk-log-by-hour"
              empty={t("insights.empty")}
              rows={byHour}
              rowKey={(entry) => String(entry.hour)}
              columns={[
                { key: "hour", header: t("insights.deskLog.hour"), value: (entry) => `${entry.hour}:00` },
                { key: "count", header: t("insights.deskLog.taps"), value: (entry) => entry.count, numeric: true },
              ]}
            />
          </details>
          <DataTable
            caption={t("insights.deskLog.byWeekday")}
            fileName="desk-log-by-weekday"
            empty={t("insights.empty")}
            rows={byWeekday}
            rowKey={(entry) => String(entry.weekday)}
            columns={[
              {
                key: "weekday",
                header: t("insights.deskLog.weekday"),
                value: (entry) => t(`insights.deskLog.weekdays.${entry.weekday}`),
              },
              { key: "count", header: t("insights.deskLog.taps"), value: (entry) => entry.count, numeric: true },
            ]}
          />
        </div>
      )}
    </>
  );
}
