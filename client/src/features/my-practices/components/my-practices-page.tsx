import type { PracticeDetail } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { Link, useFetcher } from "react-router";
import { ActionStatus } from "@/components/status";
import { displayStatus, pendingDisplayStatus, StatusBadge } from "@/components/status-badge";
import { paths } from "@/config/paths";
import { useDocumentTitle } from "@/lib/dom";
import { useFormatters } from "@/lib/format";
import { useCurrentUser } from "@/lib/session";
import type { SubmitResult } from "../submit-action";

/** Every "send for review" of the list posts through this fetcher; the page reports the outcome. */
const SUBMIT_FETCHER = "my-practices-submit";

type Group = "attention" | "waiting" | "live" | "archived";
const GROUPS: Group[] = ["attention", "waiting", "live", "archived"];

/** Where a practice belongs on the list: what needs the author first, then what waits, then the rest. */
function groupOf(practice: PracticeDetail, userId: string | undefined): Group {
  const myPending = practice.pending && practice.pending.by.id === userId ? practice.pending : null;
  if (practice.status === "draft" || myPending?.state === "changes_requested") return "attention";
  if (practice.status === "in_review" || myPending?.state === "in_review") return "waiting";
  if (practice.status === "approved") return "live";
  return "archived";
}

/** "My practices": the user's drafts, proposals and edits, with their status and the team leads' comments. */
export function MyPracticesPage({ practices }: { practices: PracticeDetail[] }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const fetcher = useFetcher<SubmitResult>({ key: SUBMIT_FETCHER });
  useDocumentTitle(t("myPractices.title"), t("app.name"));
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const message =
    result === undefined
      ? null
      : result.ok
        ? t("myPractices.submitted", { title: result.title })
        : result.conflict
          ? t("practice.changedMeanwhile")
          : t("practice.actionFailed", { message: result.message });

  const grouped = GROUPS.map((group) => ({
    group,
    items: practices.filter((practice) => groupOf(practice, user?.id) === group),
  })).filter(({ items }) => items.length > 0);

  return (
    <div className="my-practices">
      <h1 className="page-title">{t("myPractices.title")}</h1>
      <p className="lead">{t("myPractices.intro")}</p>
      <ActionStatus message={message} ok={result?.ok} />
      {practices.length === 0 ? (
        <div className="empty-state">
          <p>{t("myPractices.empty")}</p>
          <p>
            <Link className="button button-primary" to={paths.propose.getHref()}>
              {t("app.nav.propose")}
            </Link>
          </p>
        </div>
      ) : (
        grouped.map(({ group, items }) => (
          <section key={group} className="list-section" aria-labelledby={`group-${group}`}>
            <h2 id={`group-${group}`} className="section-title">
              {t(`myPractices.groups.${group}`)} <span className="section-count">({items.length})</span>
            </h2>
            <ul className="plain-list">
              {items.map((practice) => (
                <li key={practice.id}>
                  <MyPracticeCard practice={practice} userId={user?.id} />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

function MyPracticeCard({ practice, userId }: { practice: PracticeDetail; userId: string | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fetcher = useFetcher<SubmitResult>({ key: SUBMIT_FETCHER });
  const pending = practice.pending && practice.pending.by.id === userId ? practice.pending : null;
  const status = displayStatus(practice);
  const title = pending?.content.title ?? practice.title;
  const comment = pending
    ? pending.reviewComment
    : status === "changesRequested" || status === "rejected"
      ? practice.meta.reviewComment
      : null;
  const busy = fetcher.state !== "idle" && fetcher.formData?.get("id") === practice.id;
  const headingId = `my-${practice.id}`;

  return (
    <article className="card my-practice" aria-labelledby={headingId}>
      <h3 className="card-title" id={headingId}>
        <Link to={paths.practice.getHref(practice.id)} lang={practice.language}>
          {title}
        </Link>
      </h3>
      <div className="card-meta">
        <StatusBadge status={status} />
        {pending && <StatusBadge status={pendingDisplayStatus(pending)} />}
        <span>{t("myPractices.updated", { date: format.dateTime(pending?.at ?? practice.meta.updatedAt) })}</span>
      </div>
      {comment && (
        <div className="notice notice-comment">
          <p className="notice-title">
            {status === "rejected" && !pending ? t("practice.rejectionReason") : t("practice.reviewComment")}
          </p>
          <p>{comment}</p>
        </div>
      )}
      <div className="card-actions">
        {practice.actions.includes("edit") && (
          <Link className="button button-secondary button-small" to={paths.editPractice.getHref(practice.id)}>
            {t("practice.edit")}
            <span className="visually-hidden">: {title}</span>
          </Link>
        )}
        {practice.actions.includes("submit") && (
          <fetcher.Form method="post">
            <input type="hidden" name="id" value={practice.id} />
            <input type="hidden" name="title" value={title} />
            <input type="hidden" name="baseRevision" value={practice.meta.revision} />
            <button type="submit" className="button button-primary button-small" disabled={fetcher.state !== "idle"}>
              {busy ? t("propose.submitting") : t("propose.submit")}
              <span className="visually-hidden">: {title}</span>
            </button>
          </fetcher.Form>
        )}
        <Link className="button button-secondary button-small" to={paths.history.getHref(practice.id)}>
          {t("practice.history")}
          <span className="visually-hidden">: {title}</span>
        </Link>
      </div>
    </article>
  );
}
