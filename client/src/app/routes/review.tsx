import type { RevisionDiff } from "@practice-kb/shared";
import { type ActionFunctionArgs, type LoaderFunctionArgs, useLoaderData } from "react-router";
import { getDiff } from "@/features/review/api/get-diff";
import { getReviewQueue } from "@/features/review/api/get-review-queue";
import { ReviewPage, type ReviewPageData } from "@/features/review/components/review-page";
import { type DecisionResult, decide } from "@/features/review/review-action";
import { useRequireRole } from "@/lib/session";

/**
 * Loads the queue; each proposed edit's difference to the live text, and each item's difference to the
 * version a reviewer sent back, follow as promises, so the list shows at once and the diffs fill in.
 */
export async function loader({ request }: LoaderFunctionArgs): Promise<ReviewPageData> {
  const queue = await getReviewQueue(request.signal);
  const diffs: Record<string, Promise<RevisionDiff | null>> = {};
  const sinceSentBack: Record<string, Promise<RevisionDiff | null>> = {};
  for (const { practice } of queue.pendingRevisions) {
    if (!practice.pending) continue;
    const live = practice.meta.liveRevision ?? practice.pending.revision - 1;
    diffs[practice.id] = getDiff(practice.id, live, practice.pending.revision, request.signal).catch(() => null);
  }
  for (const { practice, sentBack, revision } of [...queue.inReview, ...queue.pendingRevisions]) {
    if (!sentBack || sentBack.revision === revision) continue;
    sinceSentBack[practice.id] = getDiff(practice.id, sentBack.revision, revision, request.signal).catch(() => null);
  }
  return { queue, diffs, sinceSentBack };
}

/** Approve, request changes, reject, or confirm "still valid". */
export async function action({ request }: ActionFunctionArgs): Promise<DecisionResult> {
  return decide(await request.formData(), request.signal);
}

/** The review queue (team leads; loaded lazily, with the workflow strings). */
export function Component() {
  useRequireRole("curator");
  const data = useLoaderData<typeof loader>();
  return <ReviewPage data={data} />;
}
