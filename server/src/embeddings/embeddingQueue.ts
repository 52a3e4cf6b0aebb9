/**
 * Background embedding of practices. A practice is searchable by words as soon as it is written and
 * by meaning once this queue has stored its vector. The queue keeps no state of its own: "pending"
 * is a query on the practices index (no vector, or a vector of another model), so it survives a
 * restart, and a model change (another EMBEDDINGS_MODEL) re-embeds everything by itself.
 * Approved practices go first; drafts and proposals follow (so reviewers can find near-duplicates);
 * archived ones are left out (restoring one writes it anew, and then it is pending).
 */

import type { PracticeDocument } from "../practices/document";
import type { estypes } from "../storage/elasticsearch";
import type { KbStore } from "../storage/knowledgeBase";
import { EmbeddingsError, type EmbeddingsProvider } from "./provider";

/** What the queue reports: for the health check and the CLI progress bar. */
export interface EmbeddingStatus {
  /** The model whose vectors count as done. */
  model: string;
  /** Practices (not archived) without a vector of this model (including `skipped`). */
  pending: number;
  /** Practices with a vector of this model. */
  embedded: number;
  /** Practices the service refused to embed in this process (left pending; tried again after a restart). */
  skipped: number;
  /** True while the last attempt failed (service down, slow or answering nonsense); the queue retries with backoff. */
  failing: boolean;
  lastError?: string;
  /** Practices embedded per second by this instance over the last few minutes (absent while idle). */
  perSecond?: number;
  /** Estimated seconds until every pending practice is searchable by meaning, at that rate. */
  etaSeconds?: number;
}

/** How far back the embedding rate looks: long enough to smooth batches, short enough to follow the load. */
const RATE_WINDOW_MS = 3 * 60_000;
const IDLE_GAP_MS = 30_000;

export interface EmbeddingQueueOptions {
  /** Practices per embedding request. */
  batchSize?: number;
  /** How often an idle queue looks for new pending practices (notify() wakes it earlier). */
  pollMs?: number;
  /** First retry delay after a failure; doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Time limit of one batch request (a batch of 32 passages takes ~3 s on one core). */
  batchTimeoutMs?: number;
  log?: { info(message: string): void; warn(message: string): void };
  /**
   * Asked before each batch: false while another app instance on the same store is embedding (a lease in
   * Elasticsearch), so no practice is embedded twice; this instance tries again at its next wake-up.
   */
  takeTurn?: () => Promise<boolean>;
  /** Called once the queue has stopped (gives the lease back). */
  onStop?: () => Promise<void>;
}

type PassageSource = Pick<PracticeDocument, "title" | "situation" | "tags">;

/** Longest passage text sent (e5-small reads 512 tokens; the title and situation fit well within). */
const MAX_PASSAGE_CHARS = 2000;

/** The text embedded for a practice: what the situation is (title, situation, tags), embedded as an e5 "passage". */
export function passageTextOf(doc: PassageSource): string {
  const tags = (doc.tags ?? []).join(", ");
  return [doc.title, doc.situation, tags]
    .map((part) => (part ?? "").trim())
    .filter(Boolean)
    .join("\n")
    .slice(0, MAX_PASSAGE_CHARS);
}

const ARCHIVED: estypes.QueryDslQueryContainer = { term: { status: "archived" } };

/** Practices (not archived) whose vector is missing or from another model. */
export function pendingQuery(model: string): estypes.QueryDslQueryContainer {
  return { bool: { must_not: [embeddedQuery(model), ARCHIVED] } };
}

/** Practices that have a vector of this model (the model id alone is not enough: a copy may have lost the vector). */
export function embeddedQuery(model: string): estypes.QueryDslQueryContainer {
  return { bool: { filter: [{ term: { embeddingModel: model } }, { exists: { field: "vector" } }] } };
}

interface PendingHit {
  id: string;
  seqNo: number;
  primaryTerm: number;
  text: string;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class EmbeddingQueue {
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly batchTimeoutMs: number;
  private readonly log: NonNullable<EmbeddingQueueOptions["log"]>;
  private readonly takeTurn: () => Promise<boolean>;
  private readonly onStop: () => Promise<void>;
  /** Ids the service refused alone (while others in the same batch worked): not retried until a restart. */
  private readonly skippedIds = new Set<string>();
  /** Recent batches (when they started and ended, how many they embedded), for the rate and the estimate. */
  private recentBatches: Array<{ from: number; to: number; embedded: number }> = [];
  private failing = false;
  private lastError: string | undefined;
  private lastStatus: EmbeddingStatus | undefined;
  private stopped = true;
  private loopDone: Promise<void> = Promise.resolve();
  private draining: Promise<unknown> = Promise.resolve();
  private wakeRequested = false;
  private wake: (() => void) | undefined;
  private abort = new AbortController();

  constructor(
    private readonly kb: KbStore,
    readonly provider: EmbeddingsProvider,
    options: EmbeddingQueueOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 32;
    this.pollMs = options.pollMs ?? 2000;
    this.minBackoffMs = options.minBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.batchTimeoutMs = options.batchTimeoutMs ?? 120_000;
    this.log = options.log ?? { info: () => {}, warn: () => {} };
    this.takeTurn = options.takeTurn ?? (async () => true);
    this.onStop = options.onStop ?? (async () => {});
  }

  get model(): string {
    return this.provider.model;
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.loopDone = this.loop();
  }

  /** Wakes an idle loop at once: call it after practices were written. */
  notify(): void {
    this.wakeRequested = true;
    this.wake?.();
  }

  /** Stops the loop and waits for the batch in flight to end (its request is aborted). */
  async stop(): Promise<void> {
    if (this.stopped) return this.loopDone;
    this.stopped = true;
    this.abort.abort();
    this.wake?.();
    await this.loopDone;
    await this.onStop().catch(() => undefined);
  }

  /** Counts from Elasticsearch plus the loop's state; when Elasticsearch does not answer, the last counts. */
  async status(): Promise<EmbeddingStatus> {
    const state = {
      model: this.model,
      skipped: this.skippedIds.size,
      failing: this.failing,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
    try {
      const response = await this.kb.es.search({
        index: this.kb.names.practices,
        size: 0,
        track_total_hits: false,
        aggs: {
          counts: { filters: { filters: { pending: pendingQuery(this.model), embedded: embeddedQuery(this.model) } } },
        },
      });
      const buckets = (response.aggregations?.counts as estypes.AggregationsFiltersAggregate | undefined)?.buckets as
        | Record<string, { doc_count: number }>
        | undefined;
      const pending = buckets?.pending?.doc_count ?? 0;
      this.lastStatus = { ...state, pending, embedded: buckets?.embedded?.doc_count ?? 0, ...this.estimate(pending) };
      return this.lastStatus;
    } catch (error) {
      return {
        pending: this.lastStatus?.pending ?? 0,
        embedded: this.lastStatus?.embedded ?? 0,
        ...state,
        failing: true,
        lastError: describe(error),
      };
    }
  }

  /** The recent rate of this instance and the time left for `pending` practices at it; empty while idle. */
  private estimate(pending: number): { perSecond?: number; etaSeconds?: number } {
    const now = Date.now();
    this.recentBatches = this.recentBatches.filter((batch) => now - batch.to < RATE_WINDOW_MS);
    const first = this.recentBatches[0];
    if (!first) return {};
    const embedded = this.recentBatches.reduce((sum, batch) => sum + batch.embedded, 0);
    const last = this.recentBatches[this.recentBatches.length - 1] as { to: number };
    const perSecond = embedded / Math.max(0.001, (last.to - first.from) / 1000);
    if (!(perSecond > 0)) return {};
    return { perSecond: Math.round(perSecond * 10) / 10, etaSeconds: Math.ceil(pending / perSecond) };
  }

  /**
   * Embeds every pending practice (approved ones first, most recently written first), then returns.
   * Throws when the service or Elasticsearch fails; what was stored until then stays stored.
   * Runs one at a time: a call while the loop drains waits for it and then drains again.
   */
  drain(): Promise<{ embedded: number; conflicts: number; skipped: number }> {
    const run = this.draining.catch(() => {}).then(() => this.drainOnce());
    this.draining = run;
    return run;
  }

  private async loop(): Promise<void> {
    let backoff = 0;
    while (!this.stopped) {
      try {
        this.wakeRequested = false;
        const t0 = Date.now();
        const result = await this.drain();
        if (this.failing) this.log.info(`embeddings: the service answers again (model ${this.model})`);
        this.failing = false;
        this.lastError = undefined;
        backoff = 0;
        if (result.embedded > 0) {
          this.log.info(
            `embeddings: embedded ${result.embedded} practice(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s` +
              (result.conflicts ? ` (${result.conflicts} changed meanwhile; picked up again)` : ""),
          );
        }
        if (!this.wakeRequested) await this.sleep(this.pollMs, true);
      } catch (error) {
        if (this.stopped) break;
        const message = describe(error);
        backoff = backoff === 0 ? this.minBackoffMs : Math.min(backoff * 2, this.maxBackoffMs);
        if (!this.failing || message !== this.lastError) {
          this.log.warn(
            `embeddings: ${message}; search by meaning misses new practices until this works (retrying, at most every ${this.maxBackoffMs / 1000} s)`,
          );
        }
        this.failing = true;
        this.lastError = message;
        await this.sleep(backoff, false);
      }
    }
  }

  /** Sleeps; stop() always wakes it, notify() only when `wakeOnNotify` (not during a failure backoff). */
  private sleep(ms: number, wakeOnNotify: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = () => {
        if (this.stopped || wakeOnNotify) done();
      };
    });
  }

  private async drainOnce(): Promise<{ embedded: number; conflicts: number; skipped: number }> {
    const totals = { embedded: 0, conflicts: 0, skipped: 0 };
    // Passes until one finds nothing: each pass pages through what is pending now; what changes meanwhile
    // (a conflict, a new write) is found by the next pass after the refresh.
    for (let pass = 0; ; pass++) {
      let found = 0;
      for (const approved of [true, false]) {
        let searchAfter: estypes.SortResults | undefined;
        for (;;) {
          if (this.stopped && this.abort.signal.aborted) return totals;
          const page = await this.pendingPage(approved, searchAfter);
          if (page.hits.length === 0) break;
          // another instance is at it: what it leaves is found at the next wake-up
          if (!(await this.takeTurn())) return totals;
          found += page.hits.length;
          const from = Date.now();
          // after an idle spell the rate starts afresh (the pause is not embedding time)
          const previous = this.recentBatches[this.recentBatches.length - 1];
          if (previous && from - previous.to > IDLE_GAP_MS) this.recentBatches = [];
          const result = await this.embedBatch(page.hits);
          this.recentBatches.push({ from, to: Date.now(), embedded: result.embedded });
          totals.embedded += result.embedded;
          totals.conflicts += result.conflicts;
          totals.skipped += result.skipped;
          searchAfter = page.last;
        }
      }
      if (found === 0) return totals;
      await this.kb.es.indices.refresh({ index: this.kb.names.practices });
      // a practice that conflicts on every pass (edited continuously) waits for the next wake-up
      if (pass >= 10) return totals;
    }
  }

  private async pendingPage(
    approved: boolean,
    searchAfter: estypes.SortResults | undefined,
  ): Promise<{ hits: PendingHit[]; last: estypes.SortResults | undefined }> {
    const status = { term: { status: "approved" } };
    const mustNot: estypes.QueryDslQueryContainer[] = [embeddedQuery(this.model)];
    if (!approved) mustNot.push(status, ARCHIVED);
    if (this.skippedIds.size > 0) mustNot.push({ ids: { values: [...this.skippedIds] } });
    const response = await this.kb.es.search<PassageSource>({
      index: this.kb.names.practices,
      size: this.batchSize,
      seq_no_primary_term: true,
      track_total_hits: false,
      _source: ["title", "situation", "tags"],
      sort: [{ "meta.updatedAt": { order: "desc", missing: "_last" } }, { id: "asc" }],
      search_after: searchAfter,
      query: { bool: { ...(approved ? { filter: [status] } : {}), must_not: mustNot } },
    });
    const hits = response.hits.hits.flatMap((hit) =>
      hit._id && hit._source && hit._seq_no !== undefined && hit._primary_term !== undefined
        ? [{ id: hit._id, seqNo: hit._seq_no, primaryTerm: hit._primary_term, text: passageTextOf(hit._source) }]
        : [],
    );
    return { hits, last: response.hits.hits[response.hits.hits.length - 1]?.sort };
  }

  /** Embeds a batch; when the service refuses it, tries each practice alone and skips those it refuses alone. */
  private async embedBatch(hits: PendingHit[]): Promise<{ embedded: number; conflicts: number; skipped: number }> {
    let vectors: Array<number[] | undefined>;
    let skipped = 0;
    try {
      vectors = await this.embed(hits.map((hit) => hit.text));
    } catch (error) {
      if (!(error instanceof EmbeddingsError && error.kind === "http" && hits.length > 1)) throw error;
      vectors = [];
      let refused: unknown;
      for (const hit of hits) {
        try {
          vectors.push((await this.embed([hit.text]))[0]);
        } catch (single) {
          if (!(single instanceof EmbeddingsError && single.kind === "http")) throw single;
          refused = single;
          vectors.push(undefined);
        }
      }
      // every practice refused alone means the service is broken, not the texts
      if (vectors.every((vector) => vector === undefined)) throw refused;
      hits.forEach((hit, i) => {
        if (vectors[i]) return;
        this.skippedIds.add(hit.id);
        skipped++;
        this.log.warn(
          `embeddings: the service refused practice ${hit.id} (${describe(refused)}); skipped until restart`,
        );
      });
    }
    const operations = hits.flatMap((hit, i) =>
      vectors[i]
        ? [
            {
              update: {
                _index: this.kb.names.practices,
                _id: hit.id,
                if_seq_no: hit.seqNo,
                if_primary_term: hit.primaryTerm,
              },
            },
            { doc: { vector: vectors[i], embeddingModel: this.model } },
          ]
        : [],
    );
    if (operations.length === 0) return { embedded: 0, conflicts: 0, skipped };
    const response = await this.kb.es.bulk({ operations });
    let embedded = 0;
    let conflicts = 0;
    for (const item of response.items) {
      const result = item.update;
      if (!result?.error) embedded++;
      // 409: the practice was written meanwhile (it stays pending with its new text); 404: deleted
      else if (result.status === 409 || result.status === 404) conflicts++;
      else throw new Error(`storing a vector failed: ${result.error.type}: ${result.error.reason ?? ""}`);
    }
    return { embedded, conflicts, skipped };
  }

  private embed(texts: string[]): Promise<number[][]> {
    return this.provider.embed(texts, "passage", { timeoutMs: this.batchTimeoutMs, signal: this.abort.signal });
  }
}
