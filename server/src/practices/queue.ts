import type { Actor, PracticeDetail, ReviewQueue, ReviewQueueItem, SentBack } from "@practice-kb/shared";
import type { KbContext } from "../context";
import type { estypes } from "../storage/elasticsearch";
import type { PracticeDocument } from "./document";
import { presentPracticeDetail } from "./presenter";
import { today } from "./reviewDates";
import { reviewRules } from "./reviewRules";

const LIST_SIZE = 200;

async function findDocuments(
  ctx: KbContext,
  query: estypes.QueryDslQueryContainer,
  sort: estypes.Sort,
  size = LIST_SIZE,
): Promise<{ docs: PracticeDocument[]; total: number }> {
  const response = await ctx.es.search<PracticeDocument>({
    index: ctx.names.practices,
    size,
    track_total_hits: true,
    sort,
    _source_excludes: ["search", "vector"],
    query,
  });
  const total = response.hits.total;
  return {
    docs: response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : [])),
    total: typeof total === "number" ? total : (total?.value ?? 0),
  };
}

/**
 * What waits for a curator: practices in review, proposed edits of approved ones, and those past their
 * review-by date; each with the author's note and, when a reviewer sent it back before, that send-back
 * and the author's reply; "due" also holds translations whose original got a new approved text since. Also the
 * review rules in force, so the screen can say why it offers no "approve".
 */
export async function reviewQueue(ctx: KbContext, actor: Actor): Promise<ReviewQueue> {
  const [rules, inReview, pending, due] = await Promise.all([
    reviewRules(ctx),
    findDocuments(ctx, { term: { status: "in_review" } }, [{ "meta.updatedAt": "asc" }, { id: "asc" }]),
    findDocuments(
      ctx,
      { bool: { filter: [{ term: { status: "approved" } }, { term: { "pending.state": "in_review" } }] } },
      [{ "pending.at": "asc" }, { id: "asc" }],
    ),
    findDocuments(
      ctx,
      {
        bool: {
          filter: [{ term: { status: "approved" } }],
          should: [{ range: { reviewBy: { lt: today() } } }, { exists: { field: "meta.originalChanged.revision" } }],
          minimum_should_match: 1,
        },
      },
      [{ reviewBy: "asc" }, { id: "asc" }],
    ),
  ]);
  const item = (
    doc: PracticeDocument,
    note: string | null,
    since: string,
    revision: number,
    sentBack: SentBack | null,
  ): ReviewQueueItem => ({
    practice: presentPracticeDetail(doc, actor, rules),
    note,
    since,
    revision,
    sentBack,
    reply: sentBack ? note : null,
  });
  return {
    rules,
    counts: {
      inReview: inReview.total,
      pendingRevisions: pending.total,
      dueForReview: due.total,
      total: inReview.total + pending.total + due.total,
    },
    inReview: inReview.docs.map((doc) =>
      item(doc, doc.meta.authorNote ?? null, doc.meta.updatedAt, doc.meta.revision, doc.meta.sentBack ?? null),
    ),
    pendingRevisions: pending.docs.map((doc) =>
      item(
        doc,
        doc.pending?.comment ?? null,
        doc.pending?.at ?? doc.meta.updatedAt,
        doc.pending?.revision ?? doc.meta.revision,
        doc.pending?.sentBack ?? null,
      ),
    ),
    dueForReview: due.docs.map((doc) =>
      item(
        doc,
        null,
        doc.meta.originalChanged?.at ?? doc.reviewBy ?? doc.meta.updatedAt,
        doc.meta.liveRevision ?? doc.meta.revision,
        null,
      ),
    ),
  };
}

/** The user's own practices and proposed edits, most recently changed first, with the curators' comments. */
export async function myPractices(ctx: KbContext, actor: Actor): Promise<PracticeDetail[]> {
  const rules = await reviewRules(ctx);
  const { docs } = await findDocuments(
    ctx,
    { bool: { should: [{ term: { "meta.author": actor.id } }, { term: { "pending.by.id": actor.id } }] } },
    [{ "meta.updatedAt": "desc" }, { id: "asc" }],
    500,
  );
  return docs.map((doc) => presentPracticeDetail(doc, actor, rules));
}
