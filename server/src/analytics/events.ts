/**
 * The documents desk events become, built from what a request knew, masked on the way in. Nothing
 * here names a person: a search is stored with the searcher's role, never their account.
 */
import type { Role, SearchQuery, SearchResponse } from "@practice-kb/shared";
import type { DeskOutcome } from "@practice-kb/shared/insights";
import { maskPersonalData, needKey } from "./privacy";

/** How many of a search's first results are kept (their ids; the rank is the place in the list). */
export const TOP_RESULTS_KEPT = 5;

/** A desk search as the search route saw it. */
export interface SearchEventInput {
  query: SearchQuery;
  result: Pick<SearchResponse, "total" | "interpretedQuery" | "suggestion"> & {
    hits: { id: string }[];
    /** Whether search found a good match (absent from callers that do not judge: counted by the old rule). */
    goodMatch?: boolean;
  };
  role: Role;
  tookMs: number;
  /** The desk's search-session id; absent for a search made through the API without one. */
  session?: string;
}

/** A thing done with a practice: opened (at a rank of a search), a phrase copied, printed, used, voted on. */
export interface OutcomeEventInput {
  outcome: DeskOutcome | "helpful" | "not-helpful";
  role: Role;
  practice: { id: string; language: string; situationType: string; channels: string[] };
  session?: string;
  rank?: number;
}

/** The fields of a search-session document that each search of the session replaces. */
export interface SearchSessionFields {
  kind: "search";
  tracked: boolean;
  at: string;
  role: Role;
  hour: number;
  weekday: number;
  query: string;
  needKey: string;
  interpretedQuery: string | null;
  suggestion: string | null;
  filters: { situationType: string[]; channel: string[]; audience: string[]; language: string[] };
  uiLanguage: string | null;
  total: number;
  /** False when search found no good match (counted as unanswered); absent in events recorded before it existed. */
  goodMatch?: boolean;
  topIds: string[];
  tookMs: number;
}

/** An outcome document. */
export interface OutcomeDocument {
  kind: "outcome";
  at: string;
  role: Role;
  hour: number;
  weekday: number;
  outcome: OutcomeEventInput["outcome"];
  session: string | null;
  practiceId: string;
  rank: number | null;
  practiceLanguage: string;
  situationType: string;
  channels: string[];
}

/** True when a search is worth recording: it has words or filters (the home page's empty list is not a search). */
export function isRecordableSearch(query: SearchQuery): boolean {
  return (
    query.q.trim() !== "" ||
    query.situationType.length + query.channel.length + query.audience.length + query.language.length > 0
  );
}

/** The hour of day and weekday (Monday 0) in the server's time zone: the desk's rhythm, not UTC's. */
function clockOf(at: Date): { hour: number; weekday: number } {
  return { hour: at.getHours(), weekday: (at.getDay() + 6) % 7 };
}

const maskOrNull = (text: string | null | undefined) => (text ? maskPersonalData(text) : null);

/** The session document fields of one search, masked. */
export function searchSessionFields(input: SearchEventInput, at: Date): SearchSessionFields {
  const { query, result } = input;
  const masked = maskPersonalData(query.q.trim().replace(/\s+/g, " "));
  return {
    kind: "search",
    tracked: input.session !== undefined,
    at: at.toISOString(),
    role: input.role,
    ...clockOf(at),
    query: masked,
    needKey: needKey(masked),
    interpretedQuery: maskOrNull(result.interpretedQuery),
    suggestion: maskOrNull(result.suggestion),
    filters: {
      situationType: query.situationType,
      channel: query.channel,
      audience: query.audience,
      language: query.language,
    },
    uiLanguage: query.uiLanguage ?? null,
    total: result.total,
    ...(result.goodMatch === undefined ? {} : { goodMatch: result.goodMatch }),
    topIds: result.hits.slice(0, TOP_RESULTS_KEPT).map((hit) => hit.id),
    tookMs: Math.round(input.tookMs * 10) / 10,
  };
}

/** The outcome document of one thing done with a practice. */
export function outcomeDocument(input: OutcomeEventInput, at: Date): OutcomeDocument {
  return {
    kind: "outcome",
    at: at.toISOString(),
    role: input.role,
    ...clockOf(at),
    outcome: input.outcome,
    session: input.session ?? null,
    practiceId: input.practice.id,
    rank: input.rank ?? null,
    practiceLanguage: input.practice.language,
    situationType: input.practice.situationType,
    channels: input.practice.channels,
  };
}
