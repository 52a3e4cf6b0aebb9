import type { PracticeDetail, PracticeStatus } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { StatusIcon } from "./icons";

/** A practice's state as people talk about it: the stored status, refined by what the team lead said. */
export type DisplayStatus = PracticeStatus | "changesRequested" | "rejected" | "editInReview" | "editChangesRequested";

type StatusFacts = Pick<PracticeDetail, "status"> & {
  meta: Pick<PracticeDetail["meta"], "reviewComment" | "approvedAt">;
};

/** A draft sent back carries the team lead's comment; an archived practice never approved was rejected. */
export function displayStatus(practice: StatusFacts): DisplayStatus {
  if (practice.status === "draft" && practice.meta.reviewComment) return "changesRequested";
  if (practice.status === "archived" && !practice.meta.approvedAt && practice.meta.reviewComment) return "rejected";
  return practice.status;
}

/** The state of a proposed edit of an approved practice. */
export function pendingDisplayStatus(pending: NonNullable<PracticeDetail["pending"]>): DisplayStatus {
  return pending.state === "in_review" ? "editInReview" : "editChangesRequested";
}

// A pictogram as well as a colour, and always the word: the state never rests on colour alone.
const SHAPES: Record<DisplayStatus, Parameters<typeof StatusIcon>[0]["shape"]> = {
  draft: "pencil",
  in_review: "clock",
  approved: "check",
  archived: "box",
  changesRequested: "back",
  rejected: "cross",
  editInReview: "clock",
  editChangesRequested: "back",
};

const TONES: Record<DisplayStatus, string> = {
  draft: "neutral",
  in_review: "info",
  approved: "ok",
  archived: "neutral",
  changesRequested: "warn",
  rejected: "bad",
  editInReview: "info",
  editChangesRequested: "warn",
};

/** The state of a practice or edit as a labelled badge. */
export function StatusBadge({ status }: { status: DisplayStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge status-${TONES[status]}`} data-status={status}>
      <StatusIcon shape={SHAPES[status]} />
      <span className="visually-hidden">{t("workflowStatus.label")}: </span>
      {t(`workflowStatus.${status}`)}
    </span>
  );
}
