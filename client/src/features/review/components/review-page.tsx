import type { ReviewQueue, ReviewQueueItem, RevisionDiff as RevisionDiffData } from "@practice-kb/shared";
import { Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Await, useFetcher } from "react-router";
import { RevisionDiff } from "@/components/revision-diff";
import { ActionStatus } from "@/components/status";
import { useDocumentTitle } from "@/lib/dom";
import { setReviewCount } from "@/lib/review-count";
import type { DecisionResult } from "../review-action";
import { DECISION_FETCHER, ReviewItem } from "./review-item";

/** What the review route's loader hands the page: the queue, and the diffs as they arrive. */
export interface ReviewPageData {
  queue: ReviewQueue;
  /** Proposed edits against the live text, by practice id. */
  diffs: Record<string, Promise<RevisionDiffData | null>>;
  /** What changed since a reviewer sent the item back, by practice id. */
  sinceSentBack: Record<string, Promise<RevisionDiffData | null>>;
}

type Section = "inReview" | "pendingRevisions" | "dueForReview";
const SECTIONS: Section[] = ["inReview", "pendingRevisions", "dueForReview"];

/** The team lead's queue: proposals, proposed edits with their diff to the live text, and practices due for review. */
export function ReviewPage({ data }: { data: ReviewPageData }) {
  const { t } = useTranslation();
  const { queue } = data;
  const fetcher = useFetcher<DecisionResult>({ key: DECISION_FETCHER });
  useDocumentTitle(t("review.title"), t("app.name"));

  // The badge in the navigation shows the same number as this page.
  useEffect(() => setReviewCount(queue.counts.total), [queue.counts.total]);

  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const message =
    result === undefined
      ? null
      : result.ok
        ? t(`review.done.${result.decision}`, { title: result.title })
        : result.problem === "conflict"
          ? t("review.conflict", { title: result.title })
          : result.problem === "failed"
            ? t("review.failed", { title: result.title, message: result.message })
            : null;

  return (
    <div className="review-page">
      <h1 className="page-title">{t("review.title")}</h1>
      <p className="lead">{t("review.intro")}</p>
      <ActionStatus message={message} ok={result?.ok} />
      {queue.counts.total === 0 ? (
        <div className="empty-state">
          <p>{t("review.empty")}</p>
        </div>
      ) : (
        SECTIONS.map((section) => (
          <QueueSection
            key={section}
            section={section}
            items={queue[section]}
            total={queue.counts[section === "inReview" ? "inReview" : section]}
            data={data}
          />
        ))
      )}
    </div>
  );
}

interface QueueSectionProps {
  section: Section;
  items: ReviewQueueItem[];
  total: number;
  data: ReviewPageData;
}

function QueueSection({ section, items, total, data }: QueueSectionProps) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  const headingId = `queue-${section}`;
  return (
    <section className="list-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t(`review.sections.${section}`)} <span className="section-count">({total})</span>
      </h2>
      <p className="section-hint">{t(`review.hints.${section}`)}</p>
      <ul className="plain-list">
        {items.map((item) => {
          const id = item.practice.id;
          const toLive = section === "pendingRevisions" ? data.diffs[id] : undefined;
          const since = section === "dueForReview" ? undefined : data.sinceSentBack[id];
          const language = item.practice.language;
          return (
            <li key={id}>
              <ReviewItem item={item} kind={section}>
                {since && (
                  <DiffSection
                    diff={since}
                    language={language}
                    heading={t("review.sinceSentBackHeading")}
                    withoutStatus
                  />
                )}
                {toLive && <DiffSection diff={toLive} language={language} heading={t("review.diffHeading")} />}
              </ReviewItem>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

interface DiffSectionProps {
  diff: Promise<RevisionDiffData | null>;
  language: string;
  heading: string;
  /** Leave the status out (a proposal sent back was a draft, and is in review again: no news). */
  withoutStatus?: boolean;
}

function DiffSection({ diff, language, heading, withoutStatus = false }: DiffSectionProps) {
  const { t } = useTranslation();
  const fieldsOf = (resolved: RevisionDiffData) =>
    withoutStatus ? resolved.fields.filter((field) => field.field !== "status") : resolved.fields;
  return (
    <div className="queue-diff">
      <h4 className="queue-subheading">{heading}</h4>
      <Suspense fallback={<p className="muted">{t("app.loading")}</p>}>
        <Await resolve={diff} errorElement={<p className="field-error">{t("review.diffFailed")}</p>}>
          {(resolved: RevisionDiffData | null) =>
            resolved ? (
              <RevisionDiff fields={fieldsOf(resolved)} language={language} headingLevel={5} />
            ) : (
              <p className="field-error">{t("review.diffFailed")}</p>
            )
          }
        </Await>
      </Suspense>
    </div>
  );
}
