import type { PracticeDetail } from "@practice-kb/shared";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useActionData, useLocation, useRevalidator } from "react-router";
import { type EditPrefillState, paths } from "@/config/paths";
import { useDocumentTitle } from "@/lib/dom";
import { useCurrentUser } from "@/lib/session";
import type { PracticeFormResult } from "../propose-action";
import { DonePanel } from "./done-panel";
import { type FormButton, PracticeForm } from "./practice-form";

/** Editing a practice: a draft in place, an approved one as a proposed edit, always from a known revision. */
export function EditPage({ practice }: { practice: PracticeDetail }) {
  const { t } = useTranslation();
  const result = useActionData<PracticeFormResult>();
  const user = useCurrentUser();
  const revision = practice.meta.revision;
  const drillAnswer = (useLocation().state as EditPrefillState | null)?.drillAnswer?.trim();
  useDocumentTitle(t("edit.title", { title: practice.title }), t("app.name"));

  if (result?.status === "done") {
    return (
      <div className="propose-page">
        <DonePanel result={result} />
      </div>
    );
  }

  const canEdit = practice.actions.includes("edit");
  // An edit awaiting review is what the next save replaces, so the form starts from it.
  const live = practice.pending?.content ?? practice;
  // "My answer was better" from a drill: the learner's answer becomes the steps, for them to shape and send.
  const drillSteps =
    drillAnswer
      ?.split(/\n+/)
      .map((line) => line.trim())
      .filter(Boolean) ?? [];
  const initial = drillSteps.length > 0 ? { ...live, response: drillSteps } : live;
  const ownPending = practice.pending && practice.pending.by.id === user?.id;
  const buttons: FormButton[] =
    practice.status === "draft"
      ? [
          { intent: "submit", label: t("edit.saveAndSubmit"), busyLabel: t("propose.submitting"), primary: true },
          { intent: "draft", label: t("propose.saveDraft"), busyLabel: t("propose.saving") },
        ]
      : practice.status === "approved"
        ? [{ intent: "submit", label: t("edit.proposeEdit"), busyLabel: t("propose.submitting"), primary: true }]
        : [{ intent: "submit", label: t("edit.save"), busyLabel: t("propose.saving"), primary: true }];

  // A conflict belongs to the revision the form was loaded at; after loading the newer one it is history.
  const conflict =
    result?.status === "conflict" && result.baseRevision === revision ? (
      <ConflictBanner practiceId={practice.id} message={result.message} />
    ) : null;

  return (
    <div className="propose-page">
      <p className="back-link">
        <Link to={paths.practice.getHref(practice.id)}>
          <span aria-hidden="true">← </span>
          {t("edit.back")}
        </Link>
      </p>
      <h1 className="page-title">
        {practice.status === "approved" ? t("edit.headingApproved") : t("edit.heading")}
        <span className="page-subtitle" lang={practice.language}>
          {practice.title}
        </span>
      </h1>
      {!canEdit ? (
        <div className="notice" role="status">
          <p>
            {practice.pending
              ? t("edit.blockedByPending", { name: practice.pending.by.name })
              : practice.status === "archived"
                ? t("edit.blockedArchived")
                : t("edit.blocked")}
          </p>
        </div>
      ) : (
        <>
          <p className="lead">
            {practice.status === "approved"
              ? ownPending
                ? t("edit.introOwnPending")
                : practice.pending
                  ? t("edit.introOtherPending", { name: practice.pending.by.name })
                  : t("edit.introApproved")
              : practice.status === "in_review"
                ? t("edit.introInReview")
                : t("edit.introDraft")}
          </p>
          {(practice.pending?.reviewComment ?? (practice.status === "draft" ? practice.meta.reviewComment : null)) && (
            <div className="notice notice-comment">
              <p className="notice-title">{t("practice.reviewComment")}</p>
              <p>{practice.pending?.reviewComment ?? practice.meta.reviewComment}</p>
            </div>
          )}
          {drillSteps.length > 0 && (
            <div className="notice" role="status">
              <p>{t("edit.fromDrill")}</p>
            </div>
          )}
          <PracticeForm
            // A newer revision (after "load their version") starts the form afresh from it.
            key={revision}
            result={result}
            initial={initial}
            defaultLanguage={initial.language}
            hidden={{ baseRevision: revision, status: practice.status }}
            buttons={buttons}
            conflict={conflict}
            defaultComment={drillSteps.length > 0 ? t("edit.fromDrillNote") : undefined}
            noteIsReply={Boolean(practice.pending ? practice.pending.sentBack : practice.meta.sentBack)}
          />
        </>
      )}
    </div>
  );
}

function ConflictBanner({ practiceId, message }: { practiceId: string; message: string }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="banner banner-alert conflict" role="alert" tabIndex={-1} ref={ref}>
      <div className="banner-body">
        <p className="banner-title">{t("edit.conflict.title")}</p>
        <p>{t("edit.conflict.text")}</p>
        <p className="conflict-detail">{message}</p>
        <p className="actions">
          <Link to={paths.practice.getHref(practiceId)} target="_blank" rel="noopener">
            {t("edit.conflict.open")}
          </Link>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => revalidator.revalidate()}
            disabled={revalidator.state !== "idle"}
          >
            {t("edit.conflict.reload")}
          </button>
        </p>
      </div>
    </div>
  );
}
