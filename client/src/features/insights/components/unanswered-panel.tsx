import type { UnansweredItem } from "@practice-kb/shared/insights";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useFetcher } from "react-router";
import { ActionStatus } from "@/components/status";
import { paths } from "@/config/paths";
import { useFormatters } from "@/lib/format";
import { languageName } from "@/lib/languages";
import type { InsightsActionResult } from "../insights-action";
import type { InsightsData } from "../load-insights";
import { DataTable } from "./data-table";

/** The needs the desk searched for and did not find, each with "propose a practice" and "add a synonym". */
export function UnansweredPanel({ data }: { data: InsightsData }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  return (
    <section className="insight-panel" id="unanswered" aria-labelledby="unanswered-heading">
      <h2 id="unanswered-heading" className="section-title">
        {t("insights.unanswered.title")} <span className="section-count">({data.unanswered.length})</span>
      </h2>
      <p className="section-hint">{t("insights.unanswered.hint")}</p>
      <DataTable
        caption={t("insights.unanswered.title")}
        fileName="unanswered"
        empty={t("insights.unanswered.empty")}
        captionHidden
        rows={data.unanswered}
        rowKey={(item) => item.query}
        columns={[
          {
            key: "query",
            header: t("insights.unanswered.query"),
            value: (item) => item.query,
            render: (item) => <NeedCell item={item} />,
          },
          { key: "count", header: t("insights.unanswered.count"), value: (item) => item.count, numeric: true },
          {
            key: "zeroResults",
            header: t("insights.unanswered.zeroResults"),
            value: (item) => item.zeroResults,
            numeric: true,
          },
          {
            key: "lastSeen",
            header: t("insights.unanswered.lastSeen"),
            value: (item) => item.lastSeen,
            render: (item) => dateTime(item.lastSeen),
          },
          {
            key: "language",
            header: t("insights.unanswered.language"),
            value: (item) => item.uiLanguage,
            render: (item) => (item.uiLanguage ? languageName(item.uiLanguage) : "—"),
          },
          {
            key: "examples",
            header: t("insights.unanswered.examples"),
            value: (item) => item.examples.join(" | "),
            csvOnly: true,
          },
          {
            key: "actions",
            header: t("insights.unanswered.actions"),
            value: () => null,
            render: (item) => <NeedActions item={item} />,
            screenOnly: true,
          },
        ]}
      />
    </section>
  );
}

/** The need as most often typed, and the other ways it was typed. */
function NeedCell({ item }: { item: UnansweredItem }) {
  const others = item.examples.filter((example) => example !== item.query);
  return (
    <>
      <span className="insight-query">{item.query}</span>
      {others.length > 0 && <span className="insight-examples">{others.join(" · ")}</span>}
    </>
  );
}

/** One click to propose a practice for the need (prefilled), and a small form to add a synonym. */
function NeedActions({ item }: { item: UnansweredItem }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<InsightsActionResult>();
  const fieldId = useId();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const proposeHref = paths.propose.getHref(item.query, {
    language: item.uiLanguage,
    situationType: item.situationType,
    channels: item.channel,
  });
  const problem =
    result && !result.ok
      ? result.reason === "refused"
        ? t("insights.unanswered.synonymRefused", { message: result.message ?? "" })
        : t(`insights.unanswered.synonym${result.reason === "same" ? "Same" : "Required"}`)
      : null;
  return (
    <div className="insight-actions">
      <Link className="button button-primary button-small" to={proposeHref}>
        {t("insights.unanswered.propose")}
        <span className="visually-hidden">: {item.query}</span>
      </Link>
      <details>
        <summary>
          {t("insights.unanswered.addSynonym")}
          <span className="visually-hidden">: {item.query}</span>
        </summary>
        <fetcher.Form method="post" className="insight-synonym-form">
          <input type="hidden" name="query" value={item.query} />
          <label htmlFor={fieldId}>{t("insights.unanswered.synonymLabel")}</label>
          <span className="field-hint" id={`${fieldId}-hint`}>
            {t("insights.unanswered.synonymHint", { query: item.query })}
          </span>
          <input
            id={fieldId}
            name="word"
            maxLength={100}
            aria-describedby={`${fieldId}-hint`}
            aria-invalid={problem ? true : undefined}
          />
          <button type="submit" className="button button-secondary button-small" disabled={fetcher.state !== "idle"}>
            {t("insights.unanswered.synonymSave")}
          </button>
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
          <ActionStatus
            message={result?.ok ? t("insights.unanswered.synonymAdded", { terms: result.terms.join(" = ") }) : null}
          />
        </fetcher.Form>
      </details>
    </div>
  );
}
