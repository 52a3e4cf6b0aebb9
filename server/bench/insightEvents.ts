/**
 * The insight benchmark's data: a year of desk search sessions with their outcomes and "did this help?"
 * votes, made through the product's own document builders (masking, need keys, the weekly indices'
 * template) and written in bulk, reproducibly (a fixed seed).
 *
 * - Sessions spread over 365 days ending now, weighted to weekdays and opening hours; four interface
 *   languages. Three in four ask a known need (the labelled desk queries of bench/relevance, Zipf-ranked,
 *   typed with varying case, half-typed last words and the odd phone number); one in four is a long-tail
 *   query of made-up words (most of them unanswered), so the unanswered list has a realistic number of
 *   distinct needs to group.
 * - Outcomes: an opened practice for about 60 % of the answered sessions (rank 1-5), and "used at the
 *   desk", copied, printed and "did this help?" for some of those (about 1.7 events per session).
 * - Votes: each "did this help?" outcome is also a vote of one of VOTERS people (one per person and
 *   practice, the later replacing the earlier, as the product keeps them); half the "no" votes give a reason.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { CONTENT_LANGUAGES, type ContentLanguage, type SearchQuery } from "@practice-kb/shared";
import { type DeskEventNames, ensureDeskEventStorage, weekIndexFor } from "../src/analytics/eventIndices";
import { type OutcomeEventInput, outcomeDocument, searchSessionFields } from "../src/analytics/events";
import type { FeedbackVoteDocument } from "../src/analytics/feedbackVotes";
import { REPO_ROOT } from "../src/config";
import { seedFiles } from "../src/seed/seedIfEmpty";
import type { Client } from "../src/storage/elasticsearch";
import { seededRandom } from "./generatePractices";

const DAY_MS = 86_400_000;
/** Sessions per bulk request (about 7,000 events, 2 MB). */
const BATCH_SESSIONS = 4_000;
const BULKS_IN_FLIGHT = 2;
/** The staff of a network of libraries who vote on practices. */
const VOTERS = 2_000;
const REASONS = ["the phone number is out of date", "no phrase for an angry reader", "too long to read at the desk"];

/** A seed practice, as much as an outcome needs of it. */
export interface Practice {
  id: string;
  language: string;
  situationType: string;
  channels: string[];
}

interface KnownNeed {
  query: string;
  language: ContentLanguage;
  relevant: string[];
}

/** The seed practices (for the outcomes' situation types and channels) and the labelled desk queries. */
export function loadFixtures(): { practices: Map<string, Practice>; needs: Map<ContentLanguage, KnownNeed[]> } {
  const practices = new Map<string, Practice>();
  for (const { raw } of seedFiles(path.join(REPO_ROOT, "seed"))) {
    for (const practice of (raw as { practices?: Practice[] }).practices ?? []) practices.set(practice.id, practice);
  }
  const needs = new Map<ContentLanguage, KnownNeed[]>();
  for (const language of CONTENT_LANGUAGES) {
    const file = path.join(REPO_ROOT, `bench/relevance/queries-${language}.json`);
    const queries = JSON.parse(readFileSync(file, "utf8")) as { query: string; relevant: Record<string, number> }[];
    needs.set(
      language,
      queries.map((entry) => ({
        query: entry.query,
        language,
        relevant: Object.keys(entry.relevant).filter((id) => practices.has(id)),
      })),
    );
  }
  return { practices, needs };
}

const SYLLABLES: Record<ContentLanguage, string[]> = {
  uk: ["ка", "ри", "то", "ля", "пе", "ні", "сло", "вар", "мі", "дру", "зов", "кри"],
  pl: ["ka", "rze", "to", "la", "pie", "ni", "szo", "war", "mi", "dro", "zow", "kry"],
  ru: ["ка", "ры", "то", "ля", "пе", "ни", "сло", "вар", "ми", "дру", "зов", "кры"],
  en: ["ka", "ri", "to", "la", "pe", "ni", "slo", "var", "mi", "dru", "zov", "kri"],
};
const CHANNELS = ["phone", "email", "in-person", "chat", "social-media"];
const SITUATION_TYPES = ["complaint", "service-request", "safety", "conflict", "accessibility"];
const LANGUAGE_SHARE: [ContentLanguage, number][] = [
  ["uk", 0.4],
  ["pl", 0.3],
  ["ru", 0.15],
  ["en", 0.15],
];
// Opening hours dominate; weekends are quieter.
const HOUR_WEIGHTS = [0, 0, 0, 0, 0, 0, 0, 1, 3, 8, 10, 10, 9, 9, 10, 10, 9, 7, 5, 3, 2, 1, 0, 0];
const WEEKDAY_WEIGHTS = [10, 10, 10, 10, 9, 5, 2];

/** Generates the year's events, one batch of sessions at a time, reproducibly (a fixed seed). */
export class EventGenerator {
  private readonly random = seededRandom(14);
  private readonly start: number;
  private readonly days: number[];
  private readonly hours: number[];

  constructor(
    private readonly fixtures: ReturnType<typeof loadFixtures>,
    now: number,
  ) {
    this.start = now - 365 * DAY_MS;
    this.days = this.cumulative(Array.from({ length: 365 }, (_, day) => this.weekdayWeight(day)));
    this.hours = this.cumulative(HOUR_WEIGHTS);
  }

  private weekdayWeight(day: number): number {
    const weekday = (new Date(this.start + day * DAY_MS).getUTCDay() + 6) % 7;
    return WEEKDAY_WEIGHTS[weekday] ?? 1;
  }

  private cumulative(weights: number[]): number[] {
    let sum = 0;
    const out = weights.map((weight) => (sum += weight));
    return out.map((value) => value / sum);
  }

  private pickIndex(cumulative: number[]): number {
    const r = this.random();
    const index = cumulative.findIndex((value) => r < value);
    return index === -1 ? cumulative.length - 1 : index;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  /** Zipf-like: a few needs asked very often, most now and then. */
  private zipf<T>(items: readonly T[]): T {
    const index = Math.min(items.length - 1, Math.floor(items.length * this.random() ** 3));
    return items[index] as T;
  }

  private at(): Date {
    const day = this.pickIndex(this.days);
    const hour = this.pickIndex(this.hours);
    return new Date(this.start + day * DAY_MS + hour * 3_600_000 + Math.floor(this.random() * 3_600_000));
  }

  private language(): ContentLanguage {
    let r = this.random();
    for (const [language, share] of LANGUAGE_SHARE) {
      if (r < share) return language;
      r -= share;
    }
    return "en";
  }

  private typed(query: string): string {
    let text = this.random() < 0.15 ? query[0]?.toUpperCase() + query.slice(1) : query;
    // A librarian who stopped typing mid-word, or one who added the reader's phone number.
    if (this.random() < 0.1 && text.length > 6) text = text.slice(0, -2);
    if (this.random() < 0.01) text += ` +48 ${600 + Math.floor(this.random() * 99)} 234 567`;
    return text;
  }

  private madeUpWord(language: ContentLanguage): string {
    const syllables = SYLLABLES[language];
    const length = 2 + Math.floor(this.random() * 3);
    return Array.from({ length }, () => this.pick(syllables)).join("");
  }

  /** The bulk operations of `sessions` search sessions and their outcomes. */
  batch(
    sessions: number,
    names: DeskEventNames,
    votesIndex: string,
  ): { operations: unknown[]; events: number; votes: number } {
    const operations: unknown[] = [];
    let events = 0;
    let votes = 0;
    const vote = (practiceId: string, helpful: boolean, at: Date) => {
      const voter = Math.floor(this.random() * VOTERS);
      const _id = createHash("sha256").update(`${practiceId}\nbench-voter-${voter}`).digest("base64url");
      const reason = !helpful && this.random() < 0.5 ? this.pick(REASONS) : null;
      const document: FeedbackVoteDocument = {
        practiceId,
        helpful,
        reason,
        hasReason: reason !== null,
        role: "staff",
        at: at.toISOString(),
      };
      operations.push({ index: { _index: votesIndex, _id } }, document);
      votes++;
    };
    const push = (at: Date, document: object) => {
      operations.push({ create: { _index: weekIndexFor(names, at) } }, document);
      events++;
    };
    for (let i = 0; i < sessions; i++) {
      const at = this.at();
      const language = this.language();
      const known = this.random() < 0.75;
      const need = known ? this.zipf(this.fixtures.needs.get(language) ?? []) : null;
      const q = need
        ? this.typed(need.query)
        : Array.from({ length: 1 + Math.floor(this.random() * 2) }, () => this.madeUpWord(language)).join(" ");
      const total = need
        ? this.random() < 0.03
          ? 0
          : 1 + Math.floor(this.random() * 20)
        : this.random() < 0.6
          ? 0
          : 1;
      const query: SearchQuery = {
        q,
        situationType: this.random() < 0.1 ? [this.pick(SITUATION_TYPES)] : [],
        channel: this.random() < 0.2 ? [this.pick(CHANNELS)] : [],
        audience: [],
        language: [],
        uiLanguage: language,
        from: 0,
        size: 20,
      };
      const tracked = this.random() < 0.95;
      const session = tracked ? randomBytes(8).toString("hex") : undefined;
      const hits = (need?.relevant ?? []).map((id) => ({ id }));
      const fields = searchSessionFields(
        {
          query,
          result: { total, hits, interpretedQuery: null, suggestion: null },
          role: "staff",
          tookMs: 20 + this.random() * 60,
          session,
        },
        at,
      );
      const opens = tracked && total > 0 && this.random() < (need ? 0.65 : 0.15);
      const practiceId = need?.relevant[0] ?? this.pick([...this.fixtures.practices.keys()]);
      const practice = this.fixtures.practices.get(practiceId);
      const rank = 1 + Math.min(4, Math.floor(-Math.log(1 - this.random()) * 1.2));
      const openedAt = new Date(at.getTime() + 5_000 + Math.floor(this.random() * 30_000));
      push(at, {
        ...fields,
        session: session ?? null,
        startedAt: fields.at,
        ...(opens
          ? { opened: true, openedPracticeId: practiceId, openedRank: rank, openedAt: openedAt.toISOString() }
          : {}),
      });
      if (!opens || !practice) continue;
      const outcome = (kind: OutcomeEventInput["outcome"], when: Date) =>
        push(when, outcomeDocument({ outcome: kind, role: "staff", practice, session, rank }, when));
      outcome("opened", openedAt);
      const later = new Date(openedAt.getTime() + 60_000);
      if (this.random() < 0.25) outcome("used", later);
      if (this.random() < 0.1) outcome("copied", later);
      if (this.random() < 0.05) outcome("printed", later);
      if (this.random() < 0.04) {
        const helpful = this.random() < 0.8;
        outcome(helpful ? "helpful" : "not-helpful", later);
        vote(practiceId, helpful, later);
      }
    }
    return { operations, events, votes };
  }
}

/** Writes `count` sessions (and their outcomes and votes) in bulk, two requests in flight. */
export async function generateDeskEvents(
  es: Client,
  names: DeskEventNames,
  votesIndex: string,
  count: number,
): Promise<{ sessions: number; events: number; votes: number }> {
  await ensureDeskEventStorage(es, names, 0);
  const generator = new EventGenerator(loadFixtures(), Date.now());
  let written = 0;
  let events = 0;
  let votes = 0;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let done = 0; done < count; done += BATCH_SESSIONS) {
    const batch = generator.batch(Math.min(BATCH_SESSIONS, count - done), names, votesIndex);
    events += batch.events;
    votes += batch.votes;
    const request = es.bulk({ operations: batch.operations }, { requestTimeout: 120_000 }).then((response) => {
      if (response.errors) {
        const failed = response.items.find((item) => Object.values(item)[0]?.error);
        throw new Error(`bulk refused events: ${JSON.stringify(failed)}`);
      }
      written += batch.operations.length / 2;
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`\r  ${written.toLocaleString("en")} events, ${Math.round(written / seconds)}/s   `);
    });
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= BULKS_IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  process.stderr.write("\n");
  await es.indices.refresh({ index: [names.alias, votesIndex] });
  return { sessions: count, events, votes };
}
