import type { PracticeUsage } from "@practice-kb/shared/insights";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { useFormatters } from "@/lib/format";
import type { InsightsData } from "../load-insights";
import { BarChart, type BarSeries } from "./bar-chart";
import { type Column, DataTable } from "./data-table";
import { DeskLogPanel } from "./desk-log-panel";

type Usage = PracticeUsage["items"][number];

/** A helpfulness share is shown only from this many votes on: two votes are not a verdict. */
export const MIN_VOTES_FOR_SHARE = 5;

/** A link to a practice by its title (a deleted one shows its id). */
function PracticeLink({ id, title }: { id: string; title: string | null }) {
  const { t } = useTranslation();
  return title === null ? (
    <span className="muted">
      {id} {t("insights.practices.deleted")}
    </span>
  ) : (
    <Link to={paths.practice.getHref(id)}>{title}</Link>
  );
}

/** Most opened, most used at the desk, helpfulness with the reasons given, never opened, and due for review. */
export function PracticesPanel({ data }: { data: InsightsData }) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const practiceColumn: Column<Usage> = {
    key: "practice",
    header: t("insights.practices.practice"),
    value: (item) => item.title ?? item.practiceId,
    render: (item) => <PracticeLink id={item.practiceId} title={item.title} />,
  };
  const count = (key: "opened" | "used" | "copied" | "printed" | "helpful" | "notHelpful"): Column<Usage> => ({
    key,
    header: t(`insights.practices.${key}`),
    value: (item) => item[key],
    numeric: true,
  });
  const usageColumns = [practiceColumn, count("opened"), count("used"), count("copied"), count("printed")];
  const openedLabels = useMemo(
    () => data.opened.slice(0, 10).map((item) => item.title ?? item.practiceId),
    [data.opened],
  );
  const openedSeries = useMemo<BarSeries[]>(
    () => [
      {
        label: t("insights.practices.opened"),
        values: data.opened.slice(0, 10).map((item) => item.opened),
        color: "--accent",
      },
    ],
    [data.opened, t],
  );
  const share = (item: Usage) => {
    const votes = item.helpful + item.notHelpful;
    return votes >= MIN_VOTES_FOR_SHARE ? Math.round((item.helpful / votes) * 100) : null;
  };
  const today = new Date().toISOString().slice(0, 10);

  return (
    <section className="insight-panel" id="practices" aria-labelledby="practices-heading">
      <h2 id="practices-heading" className="section-title">
        {t("insights.practices.title")}
      </h2>
      <h3>{t("insights.practices.mostOpened")}</h3>
      {data.opened.length > 0 && (
        <BarChart
          labels={openedLabels}
          series={openedSeries}
          horizontal
          description={t("insights.practices.mostOpened")}
        />
      )}
      <DataTable
        caption={t("insights.practices.mostOpened")}
        fileName="practices-opened"
        empty={t("insights.empty")}
        captionHidden
        rows={data.opened}
        rowKey={(item) => item.practiceId}
        columns={[
          ...usageColumns,
          { key: "meanRank", header: t("insights.practices.meanRank"), value: (item) => item.meanRank, numeric: true },
        ]}
      />
      <h3>{t("insights.practices.mostUsed")}</h3>
      <DataTable
        caption={t("insights.practices.mostUsed")}
        fileName="practices-used"
        empty={t("insights.empty")}
        captionHidden
        rows={data.used}
        rowKey={(item) => item.practiceId}
        columns={usageColumns}
      />
      <DeskLogPanel data={data} />
      <h3>{t("insights.practices.helpfulness")}</h3>
      <p className="section-hint">{t("insights.practices.helpfulnessHint", { count: MIN_VOTES_FOR_SHARE })}</p>
      <DataTable
        caption={t("insights.practices.helpfulness")}
        fileName="practices-helpfulness"
        empty={t("insights.empty")}
        captionHidden
        rows={data.votes}
        rowKey={(item) => item.practiceId}
        columns={[
          practiceColumn,
          count("helpful"),
          count("notHelpful"),
          {
            key: "share",
            header: t("insights.practices.share"),
            value: share,
            render: (item) => {
              const percent = share(item);
              return percent === null ? (
                <span className="muted">{t("insights.practices.tooFewVotes")}</span>
              ) : (
                `${percent} %`
              );
            },
            numeric: true,
          },
          {
            key: "reasons",
            header: t("insights.practices.reasons"),
            value: (item) => (data.reasons[item.practiceId] ?? []).map((entry) => entry.reason).join(" | "),
            render: (item) => <Reasons reasons={data.reasons[item.practiceId] ?? []} />,
          },
        ]}
      />
      <h3>{t("insights.practices.unopened")}</h3>
      <p className="section-hint">{t("insights.practices.unopenedHint", { count: data.unopened.checked })}</p>
      <DataTable
        caption={t("insights.practices.unopened")}
        fileName="practices-never-opened"
        empty={t("insights.practices.noneUnopened")}
        captionHidden
        rows={data.unopened.items}
        rowKey={(item) => item.practiceId}
        columns={[
          {
            key: "practice",
            header: t("insights.practices.practice"),
            value: (item) => item.title,
            render: (item) => <PracticeLink id={item.practiceId} title={item.title} />,
          },
          { key: "language", header: t("insights.practices.language"), value: (item) => item.language },
          {
            key: "approvedAt",
            header: t("insights.practices.approvedAt"),
            value: (item) => item.approvedAt,
            render: (item) => (item.approvedAt ? date(item.approvedAt) : "—"),
          },
        ]}
      />
      <h3>{t("insights.practices.due")}</h3>
      <DataTable
        caption={t("insights.practices.due")}
        fileName="practices-due-for-review"
        empty={t("insights.practices.noneDue")}
        captionHidden
        rows={data.due}
        rowKey={(item) => item.practice.id}
        columns={[
          {
            key: "practice",
            header: t("insights.practices.practice"),
            value: (item) => item.practice.title,
            render: (item) => <PracticeLink id={item.practice.id} title={item.practice.title} />,
          },
          { key: "language", header: t("insights.practices.language"), value: (item) => item.practice.language },
          {
            key: "reviewBy",
            header: t("insights.practices.reviewBy"),
            value: (item) => item.since.slice(0, 10),
            render: (item) => (
              <>
                {date(item.since)}
                {item.since.slice(0, 10) < today && (
                  <span className="status-badge status-warn">{t("insights.practices.overdue")}</span>
                )}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}

/** What the "no" votes said was missing or wrong, newest first. */
function Reasons({ reasons }: { reasons: { reason: string; at: string }[] }) {
  if (reasons.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="insight-reasons">
      {reasons.slice(0, 5).map((entry) => (
        <li key={`${entry.at}-${entry.reason}`}>{entry.reason}</li>
      ))}
    </ul>
  );
}
