import { randomBytes } from "node:crypto";
import type { Actor } from "@practice-kb/shared";
import {
  AUTOMATIC_SET_ID,
  type DrillAttempt,
  type DrillAttemptInput,
  type DrillRating,
  type DrillSetResults,
  type MyDrillHistory,
  type RatingCounts,
} from "@practice-kb/shared/drills";
import type { KbContext } from "../context";
import { ApiError, practiceNotFound } from "../lib/errors";
import { findPractice } from "../practices/commands";
import { readCard, writeCard } from "./cards";
import { nextCard } from "./schedule";
import { approvedPractices, getDrillSet, presentDrillSet } from "./sets";

/** A rated drill as stored. `answer` is the learner's own and leaves the server only in their own history. */
interface AttemptDocument {
  userId: string;
  userName: string;
  practiceId: string;
  setId: string;
  rating: DrillRating;
  answer: string | null;
  at: string;
  due: string;
}

/** Records a rated drill and moves the learner's FSRS schedule for the practice on. */
export async function recordAttempt(ctx: KbContext, actor: Actor, input: DrillAttemptInput): Promise<DrillAttempt> {
  const found = await findPractice(ctx, input.practiceId);
  if (!found) throw practiceNotFound(input.practiceId);
  if (found.doc.status !== "approved") {
    throw new ApiError(409, "practice_not_approved", "Only approved practices are drilled");
  }
  if (input.setId !== AUTOMATIC_SET_ID) await getDrillSet(ctx, input.setId);
  const now = new Date();
  const previous = await readCard(ctx, actor.id, input.practiceId);
  const fsrs = nextCard(previous?.fsrs ?? null, input.rating, now);
  await writeCard(ctx, {
    userId: actor.id,
    practiceId: input.practiceId,
    due: fsrs.due,
    lastRating: input.rating,
    lapses: fsrs.lapses,
    reps: fsrs.reps,
    fsrs,
  });
  const id = `${now.getTime().toString(36)}-${randomBytes(5).toString("hex")}`;
  const doc: AttemptDocument = {
    userId: actor.id,
    userName: actor.name,
    practiceId: input.practiceId,
    setId: input.setId,
    rating: input.rating,
    answer: input.answer || null,
    at: now.toISOString(),
    due: fsrs.due,
  };
  await ctx.es.create({ index: ctx.names.drillAttempts, id, document: doc, refresh: "wait_for" });
  return { id, title: found.doc.title, ...present(doc) };
}

function present(doc: AttemptDocument): Omit<DrillAttempt, "id" | "title"> {
  const { userId: _userId, userName: _userName, ...rest } = doc;
  return rest;
}

type Aggregations = Record<string, unknown> | undefined;
type Bucket = { key: string; doc_count: number } & Record<string, unknown>;

const RATING_AGGS = {
  ratings: { terms: { field: "rating", size: 3 } },
} as const;

function bucketsOf(aggregations: Aggregations, name: string): Bucket[] {
  return ((aggregations?.[name] as { buckets?: Bucket[] } | undefined)?.buckets ?? []) as Bucket[];
}

function countsOf(aggregations: Aggregations, total: number): RatingCounts {
  const by = new Map(bucketsOf(aggregations, "ratings").map((bucket) => [bucket.key, bucket.doc_count]));
  return {
    attempts: total,
    handled: by.get("handled") ?? 0,
    partly: by.get("partly") ?? 0,
    wrong: by.get("wrong") ?? 0,
  };
}

/** The learner's own drills, newest first, with their answers and totals. Nobody else's are ever read here. */
export async function myHistory(ctx: KbContext, actor: Actor, limit: number): Promise<MyDrillHistory> {
  const response = await ctx.es.search<AttemptDocument>({
    index: ctx.names.drillAttempts,
    size: limit,
    track_total_hits: true,
    query: { bool: { filter: [{ term: { userId: actor.id } }] } },
    sort: [{ at: "desc" }],
    aggs: RATING_AGGS,
  });
  const hits = response.hits.hits.filter((hit) => hit._source);
  const titles = await approvedPractices(ctx, [...new Set(hits.map((hit) => hit._source?.practiceId ?? ""))]);
  const total = typeof response.hits.total === "number" ? response.hits.total : (response.hits.total?.value ?? 0);
  return {
    totals: countsOf(response.aggregations, total),
    attempts: hits.map((hit) => {
      const doc = hit._source as AttemptDocument;
      return { id: hit._id ?? "", title: titles.get(doc.practiceId)?.title ?? null, ...present(doc) };
    }),
  };
}

/**
 * A set's results for the lead: who practised, how often, and which situations are most often rated
 * "wrong". Ratings and counts only: the query never asks for the answers (`_source` is not read at all).
 */
export async function setResults(ctx: KbContext, setId: string): Promise<DrillSetResults> {
  const set = setId === AUTOMATIC_SET_ID ? null : presentDrillSet(await getDrillSet(ctx, setId));
  const response = await ctx.es.search({
    index: ctx.names.drillAttempts,
    size: 0,
    track_total_hits: true,
    query: { bool: { filter: [{ term: { setId } }] } },
    aggs: {
      ...RATING_AGGS,
      learners: {
        terms: { field: "userId", size: 500 },
        aggs: {
          ...RATING_AGGS,
          name: { terms: { field: "userName", size: 1 } },
          lastAt: { max: { field: "at" } },
          practices: { cardinality: { field: "practiceId" } },
        },
      },
      practices: {
        terms: { field: "practiceId", size: 100, order: [{ wrong: "desc" }, { _count: "desc" }, { _key: "asc" }] },
        aggs: { ...RATING_AGGS, wrong: { filter: { term: { rating: "wrong" } } } },
      },
    },
  });
  const aggregations = response.aggregations as Aggregations;
  const total = typeof response.hits.total === "number" ? response.hits.total : (response.hits.total?.value ?? 0);
  const practiceBuckets = bucketsOf(aggregations, "practices");
  const titles = await approvedPractices(
    ctx,
    practiceBuckets.map((bucket) => bucket.key),
  );
  return {
    set,
    totals: countsOf(aggregations, total),
    learners: bucketsOf(aggregations, "learners").map((bucket) => ({
      userId: bucket.key,
      name: bucketsOf(bucket, "name")[0]?.key ?? "",
      lastAt: new Date((bucket.lastAt as { value: number }).value).toISOString(),
      practices: (bucket.practices as { value: number }).value,
      ...countsOf(bucket, bucket.doc_count),
    })),
    practices: practiceBuckets.map((bucket) => ({
      practiceId: bucket.key,
      title: titles.get(bucket.key)?.title ?? null,
      language: titles.get(bucket.key)?.language ?? null,
      ...countsOf(bucket, bucket.doc_count),
    })),
  };
}
