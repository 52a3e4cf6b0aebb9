import type { PracticeContent, ReviewQueueItem } from "@practice-kb/shared";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useFetcher } from "react-router";
import { ChannelList } from "@/components/channel-list";
import { Field } from "@/components/field";
import { LanguageBadge } from "@/components/language-badge";
import { displayStatus, pendingDisplayStatus, StatusBadge } from "@/components/status-badge";
import { paths } from "@/config/paths";
import { useFormatters } from "@/lib/format";
import { useDetailLines } from "@/lib/practice-fields";
import { useCurrentUser } from "@/lib/session";
import { useLabels } from "@/lib/taxonomy";
import { type DecisionResult, MAX_COMMENT } from "../review-action";
import { TranslationNote } from "./translation-note";

/** The one fetcher all queue items post their decisions through, so the page can report the outcome. */
export const DECISION_FETCHER = "review-decision";

type Kind = "inReview" | "pendingRevisions" | "dueForReview";
type CommentDecision = "requestChanges" | "reject";

interface ReviewItemProps {
  item: ReviewQueueItem;
  kind: Kind;
  /** The diff to the live text, for proposed edits. */
  children?: ReactNode;
}

/** One queue item: who proposed what and why, the text (or its diff to the live one), and the decisions. */
export function ReviewItem({ item, kind, children }: ReviewItemProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fetcher = useFetcher<DecisionResult>({ key: DECISION_FETCHER });
  const [commenting, setCommenting] = useState<CommentDecision | null>(null);
  const user = useCurrentUser();
  const { practice, note, since, sentBack, reply } = item;
  const pending = kind === "pendingRevisions" ? practice.pending : null;
  const content: PracticeContent = pending?.content ?? practice;
  const author = pending?.by.name ?? practice.meta.authorName ?? practice.meta.author;
  const headingId = `item-${practice.id}`;
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("id") === practice.id;
  const result = fetcher.state === "idle" && fetcher.data?.id === practice.id ? fetcher.data : undefined;
  const commentError =
    result && !result.ok && (result.problem === "commentRequired" || result.problem === "commentTooLong")
      ? t(`review.errors.${result.problem}`, { max: MAX_COMMENT })
      : null;
  // Documents written before send-backs were kept have only the comment.
  const earlierComment = kind === "inReview" && !sentBack ? practice.meta.reviewComment : null;
  const ownChange = practice.withheld.some((entry) => entry.action === "approve" && entry.reason === "own_change");

  const hidden = (decision: string) => (
    <>
      <input type="hidden" name="id" value={practice.id} />
      <input type="hidden" name="title" value={content.title} />
      <input type="hidden" name="baseRevision" value={practice.meta.revision} />
      <input type="hidden" name="intent" value={decision} />
    </>
  );

  return (
    <article className="card queue-item" aria-labelledby={headingId} aria-busy={busy || undefined}>
      <h3 className="card-title" id={headingId}>
        <Link to={paths.practice.getHref(practice.id)} lang={content.language}>
          {content.title}
        </Link>
      </h3>
      <div className="card-meta">
        <StatusBadge status={pending ? pendingDisplayStatus(pending) : displayStatus(practice)} />
        {kind === "dueForReview" ? (
          <span>
            {practice.meta.originalChanged
              ? t("review.originalChanged", { date: format.date(since) })
              : t("review.dueSince", { date: format.date(since) })}
          </span>
        ) : (
          <span>{t("review.by", { name: author, date: format.dateTime(since) })}</span>
        )}
        <LanguageBadge language={content.language} />
      </div>
      <TranslationNote practice={practice} />

      {sentBack && (
        <div className="review-round">
          <div className="notice notice-comment">
            <p className="notice-title">
              {sentBack.by.id === user?.id
                ? t("review.sentBackByYou", { date: format.dateTime(sentBack.at) })
                : t("review.sentBackBy", { name: sentBack.by.name, date: format.dateTime(sentBack.at) })}
            </p>
            <p>{sentBack.comment}</p>
          </div>
          <div className="notice notice-note">
            <p className="notice-title">{t("review.reply", { name: author })}</p>
            {reply ? <p lang={content.language}>{reply}</p> : <p className="muted">{t("review.noReply")}</p>}
          </div>
        </div>
      )}
      {note && !sentBack && (
        <div className="notice notice-note">
          <p className="notice-title">{t("review.note")}</p>
          <p lang={content.language}>{note}</p>
        </div>
      )}
      {earlierComment && (
        <div className="notice notice-comment">
          <p className="notice-title">{t("review.earlierComment")}</p>
          <p>{earlierComment}</p>
        </div>
      )}

      {children}

      {kind === "inReview" ? (
        <div className="queue-text">
          <h4 className="queue-subheading">{t("review.proposedText")}</h4>
          <ProposedText content={content} />
        </div>
      ) : (
        <details className="queue-text">
          <summary>{kind === "pendingRevisions" ? t("review.showProposed") : t("review.showText")}</summary>
          <ProposedText content={content} />
        </details>
      )}

      <div className="decisions">
        {ownChange && kind !== "dueForReview" && <p className="own-change">{t("review.ownChange")}</p>}
        {practice.actions.includes("approve") && kind !== "dueForReview" && (
          <fetcher.Form method="post">
            {hidden("approve")}
            <button type="submit" className="button button-primary" disabled={fetcher.state !== "idle"}>
              {t("review.approve")}
              <span className="visually-hidden">: {content.title}</span>
            </button>
          </fetcher.Form>
        )}
        {practice.actions.includes("requestChanges") && kind !== "dueForReview" && (
          <button
            type="button"
            className="button button-secondary"
            aria-expanded={commenting === "requestChanges"}
            onClick={() => setCommenting(commenting === "requestChanges" ? null : "requestChanges")}
          >
            {t("review.requestChanges")}
            <span className="visually-hidden">: {content.title}</span>
          </button>
        )}
        {practice.actions.includes("reject") && kind !== "dueForReview" && (
          <button
            type="button"
            className="button button-secondary button-danger"
            aria-expanded={commenting === "reject"}
            onClick={() => setCommenting(commenting === "reject" ? null : "reject")}
          >
            {t("review.reject")}
            <span className="visually-hidden">: {content.title}</span>
          </button>
        )}
        {kind === "dueForReview" && practice.meta.originalChanged && practice.actions.includes("stillValid") && (
          <fetcher.Form method="post">
            {hidden("stillMatches")}
            <button type="submit" className="button button-primary" disabled={fetcher.state !== "idle"}>
              {t("review.stillMatches")}
              <span className="visually-hidden">: {content.title}</span>
            </button>
          </fetcher.Form>
        )}
        {kind === "dueForReview" && !practice.meta.originalChanged && practice.actions.includes("stillValid") && (
          <fetcher.Form method="post">
            {hidden("stillValid")}
            <button type="submit" className="button button-primary" disabled={fetcher.state !== "idle"}>
              {t("practice.stillValid")}
              <span className="visually-hidden">: {content.title}</span>
            </button>
          </fetcher.Form>
        )}
        {kind === "dueForReview" && (
          <Link className="button button-secondary" to={paths.practice.getHref(practice.id)}>
            {t("review.openPractice")}
            <span className="visually-hidden">: {content.title}</span>
          </Link>
        )}
      </div>

      {commenting && (
        <CommentForm
          key={commenting}
          decision={commenting}
          practiceId={practice.id}
          error={result?.decision === commenting ? commentError : null}
          busy={busy}
          hidden={hidden(commenting)}
          onCancel={() => setCommenting(null)}
        />
      )}
    </article>
  );
}

interface CommentFormProps {
  decision: CommentDecision;
  practiceId: string;
  error: string | null;
  busy: boolean;
  hidden: ReactNode;
  onCancel: () => void;
}

/** The comment a team lead must give to send a practice back or reject it. */
function CommentForm({ decision, practiceId, error, busy, hidden, onCancel }: CommentFormProps) {
  const { t } = useTranslation();
  const fetcher = useFetcher<DecisionResult>({ key: DECISION_FETCHER });
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textRef.current?.focus(), []);
  useEffect(() => {
    if (error) textRef.current?.focus();
  }, [error]);
  return (
    <fetcher.Form method="post" className="decision-form" noValidate>
      {hidden}
      <Field
        name={`${decision}-${practiceId}`}
        label={decision === "reject" ? t("review.rejectLabel") : t("review.changesLabel")}
        hint={decision === "reject" ? t("review.rejectHint") : t("review.changesHint")}
        errors={error ? [error] : []}
      >
        {(control) => <textarea {...control} ref={textRef} name="comment" rows={3} maxLength={MAX_COMMENT} />}
      </Field>
      <div className="form-actions">
        <button
          type="submit"
          className={decision === "reject" ? "button button-danger-solid" : "button button-primary"}
          disabled={busy}
        >
          {decision === "reject" ? t("review.confirmReject") : t("review.confirmChanges")}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t("review.cancel")}
        </button>
      </div>
    </fetcher.Form>
  );
}

/** A proposed practice as a compact card: type and channels, situation, steps and phrases. */
function ProposedText({ content }: { content: PracticeContent }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const details = useDetailLines(content);
  return (
    <div className="proposed">
      <div className="card-meta">
        <span className="type-label">
          <span className="visually-hidden">{t("practice.type")}: </span>
          {labels.situationType(content.situationType)}
        </span>
        <ChannelList channels={content.channels} />
        {content.audiences.length > 0 && (
          <span>
            <span className="visually-hidden">{t("practice.audiences")}: </span>
            {content.audiences.map((id) => labels.audience(id)).join(", ")}
          </span>
        )}
      </div>
      <p className="proposed-label">{t("practice.situation")}</p>
      <p className="proposed-situation" lang={content.language}>
        {content.situation}
      </p>
      <p className="proposed-label">{t("practice.steps")}</p>
      <ol className="proposed-steps" lang={content.language}>
        {content.response.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps may repeat; their order is their identity.
          <li key={index}>{step}</li>
        ))}
      </ol>
      {content.sayPhrases.length > 0 && (
        <>
          <p className="proposed-label">{t("practice.say")}</p>
          <ul className="proposed-phrases" lang={content.language}>
            {content.sayPhrases.map((phrase) => (
              <li key={phrase}>{phrase}</li>
            ))}
          </ul>
        </>
      )}
      {content.avoidPhrases.length > 0 && (
        <>
          <p className="proposed-label">{t("practice.avoid")}</p>
          <ul className="proposed-phrases" lang={content.language}>
            {content.avoidPhrases.map((phrase) => (
              <li key={phrase}>{phrase}</li>
            ))}
          </ul>
        </>
      )}
      {details.length > 0 && (
        <p className="muted">{details.map((line) => `${line.label}: ${line.value}`).join(" · ")}</p>
      )}
    </div>
  );
}
