import type { PracticeDetail } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { Link, useFetcher } from "react-router";
import { displayStatus, pendingDisplayStatus, StatusBadge } from "@/components/status-badge";
import { paths } from "@/config/paths";
import type { PracticeStep, PracticeStepResult } from "../practice-steps";

/** Today as YYYY-MM-DD, the form review-by dates take. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Where a practice stands and what the user may do with it: its status when not live, the team lead's
 * comment, a proposed edit, and the edit, history, archive, restore and "still valid" actions.
 */
export function WorkflowPanel({ practice }: { practice: PracticeDetail }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<PracticeStepResult>({ key: `practice-step-${practice.id}` });
  const status = displayStatus(practice);
  const busyStep = fetcher.state !== "idle" ? fetcher.formData?.get("intent") : null;
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const steps = (["stillValid", "archive", "restore"] as const).filter((step) => practice.actions.includes(step));
  const due = practice.status === "approved" && practice.reviewBy !== undefined && practice.reviewBy < today();
  const comment = status === "changesRequested" || status === "rejected" ? practice.meta.reviewComment : null;

  return (
    <section className="workflow-panel no-print" aria-label={t("workflowStatus.label")}>
      {(practice.status !== "approved" || practice.pending || due) && (
        <div className="workflow-notes">
          {practice.status !== "approved" && (
            <p className="workflow-status">
              <StatusBadge status={status} />{" "}
              {practice.status === "archived" ? t("practice.archivedNote") : t("practice.notLive")}
            </p>
          )}
          {comment && (
            <div className="notice notice-comment">
              <p className="notice-title">
                {status === "rejected" ? t("practice.rejectionReason") : t("practice.reviewComment")}
              </p>
              <p>{comment}</p>
            </div>
          )}
          {practice.pending && (
            <div className="notice">
              <p>
                <StatusBadge status={pendingDisplayStatus(practice.pending)} />{" "}
                {practice.pending.state === "in_review"
                  ? t("practice.pendingEdit", { name: practice.pending.by.name })
                  : t("practice.pendingEditReturned", { name: practice.pending.by.name })}
              </p>
              {practice.pending.reviewComment && (
                <p>
                  <strong>{t("practice.reviewComment")}:</strong> {practice.pending.reviewComment}
                </p>
              )}
            </div>
          )}
          {due && <p className="notice">{t("practice.reviewDue")}</p>}
        </div>
      )}

      <div className="workflow-actions">
        {practice.actions.includes("edit") && (
          <Link className="button button-secondary" to={paths.editPractice.getHref(practice.id)}>
            {practice.status === "approved" ? t("practice.proposeEdit") : t("practice.edit")}
          </Link>
        )}
        <Link className="button button-secondary" to={paths.history.getHref(practice.id)}>
          {t("practice.history")}
        </Link>
        {steps.length > 0 && (
          <fetcher.Form method="post" className="step-buttons" aria-label={t("practice.curatorActions")}>
            <input type="hidden" name="baseRevision" value={practice.meta.revision} />
            {steps.map((step: PracticeStep) => (
              <button
                key={step}
                type="submit"
                name="intent"
                value={step}
                className="button button-secondary"
                disabled={fetcher.state !== "idle"}
                aria-busy={busyStep === step ? true : undefined}
              >
                {t(`practice.${step}`)}
              </button>
            ))}
          </fetcher.Form>
        )}
      </div>
      <div role="status" aria-live="polite" className="step-result">
        {result?.ok === true && (
          <p className="step-ok">
            {result.step === "stillValid"
              ? t("practice.done.stillValid", { date: result.reviewBy ?? "" })
              : t(`practice.done.${result.step}`)}
          </p>
        )}
        {result?.ok === false && (
          <p className="field-error">
            {result.conflict ? t("practice.changedMeanwhile") : t("practice.actionFailed", { message: result.message })}
          </p>
        )}
      </div>
    </section>
  );
}
