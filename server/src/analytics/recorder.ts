/**
 * Records desk events without ever standing in the desk's way: a search only puts a small masked
 * document into a bounded in-memory buffer (a session's searches replace each other there), and a
 * timer writes the buffer in bulk. A slow or failing Elasticsearch costs events, counted as dropped,
 * never a delayed or failed search.
 */

import type { AnalyticsHealth } from "@practice-kb/shared";
import { RecentMap } from "../lib/recentMap";
import type { Client } from "../storage/elasticsearch";
import { type DeskEventNames, ensureDeskEventStorage, weekIndexFor } from "./eventIndices";
import {
  isRecordableSearch,
  type OutcomeEventInput,
  outcomeDocument,
  type SearchEventInput,
  searchSessionFields,
} from "./events";

type Log = { warn(message: string): void };

/** Timing and bounds of the recorder (tests shorten them). */
export interface RecorderOptions {
  /** How often the buffer is written. */
  flushIntervalMs: number;
  /** Events held at most; past it new events are dropped. */
  maxBuffered?: number;
  /** Events per bulk request. */
  batchSize?: number;
  /** Budget of one bulk request; past it its events count as dropped. */
  writeTimeoutMs?: number;
  replicas?: number;
  log: Log;
}

/** One bulk operation: the action line and its document line. */
type BulkOperation = [Record<string, unknown>, Record<string, unknown>];

/**
 * A write to a search session's document. Another instance may have written the session too (a load
 * balancer spreads a desk's keystrokes): the write goes to the week the session is already stored in, and a
 * search replaces the stored one only if it started later (guarded by the document's sequence number).
 */
interface SessionWrite {
  session: string;
  at: Date;
  /** When the search started (ms); null for the mark that a practice was opened. */
  startedAt: number | null;
  attempts: number;
}

/** A buffered event: its bulk operation, and for a session's document, what placing it needs. */
interface Buffered {
  operation: BulkOperation;
  sessionWrite?: SessionWrite;
}

/** How often a session write that lost a race with another instance's is tried again. */
const SESSION_WRITE_ATTEMPTS = 5;
const WEEK_MS = 7 * 86_400_000;

const DEFAULT_MAX_BUFFERED = 10_000;
const DEFAULT_BATCH_SIZE = 1_000;
const DEFAULT_WRITE_TIMEOUT_MS = 5_000;
/** Sessions whose weekly index this process remembers, so a session crossing midnight on Sunday stays one document. */
const SESSION_MEMORY = 20_000;
const SESSION_MEMORY_MS = 6 * 3_600_000;
const WARN_EVERY_MS = 60_000;

/** The recorder of one app instance; `app.insights` (null when ANALYTICS=off). */
export class InsightRecorder {
  private pending = new Map<string, Buffered>();
  private readonly sessionWeeks = new RecentMap<string, { index: string; at: number }>(SESSION_MEMORY);
  /** When the newest recorded search of each recent session started (ms). */
  private readonly newestSearchStart = new RecentMap<string, number>(SESSION_MEMORY);
  private written = 0;
  private dropped = 0;
  private sequence = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private inFlight = false;
  private storageReady = false;
  private closed = false;
  private lastWarning = 0;
  private readonly maxBuffered: number;
  private readonly batchSize: number;
  private readonly writeTimeoutMs: number;

  constructor(
    private readonly es: Client,
    private readonly names: DeskEventNames,
    private readonly options: RecorderOptions,
  ) {
    this.maxBuffered = options.maxBuffered ?? DEFAULT_MAX_BUFFERED;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.writeTimeoutMs = options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
  }

  /** Starts the periodic write. */
  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => {
      if (!this.inFlight && this.pending.size > 0) void this.flush();
    }, this.options.flushIntervalMs);
    this.timer.unref();
  }

  /** Writes what is buffered, then stops recording. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    this.closed = true;
  }

  /**
   * Buffers a desk search (a tracked session's searches collapse into the one that started last); `at` is
   * when the search started. Never throws.
   */
  recordSearch(input: SearchEventInput, at = new Date()): void {
    try {
      if (this.closed || !isRecordableSearch(input.query)) return;
      const fields = searchSessionFields(input, at);
      if (input.session === undefined) {
        // Through the API without a session: one search, one document.
        this.enqueue(`search:${++this.sequence}`, [
          { create: { _index: weekIndexFor(this.names, at) } },
          { ...fields },
        ]);
        return;
      }
      // A keystroke's search that finishes after a later one's (the desk dropped its answer) must not
      // replace the later query: a session keeps the search that started last.
      if (this.startedEarlierThanRecorded(input.session, at)) return;
      const index = this.sessionIndex(input.session, at);
      this.enqueue(
        `search:${input.session}`,
        [
          { update: { _index: index, _id: input.session, retry_on_conflict: 3 } },
          { doc: { ...fields }, upsert: { ...fields, session: input.session, startedAt: fields.at } },
        ],
        { session: input.session, at, startedAt: at.getTime(), attempts: 0 },
      );
    } catch (error) {
      this.warn(`a search event could not be recorded: ${String(error)}`);
    }
  }

  /** Whether a newer search of this session was recorded already; remembers the newest start per session. */
  private startedEarlierThanRecorded(session: string, startedAt: Date): boolean {
    const newest = this.newestSearchStart.get(session);
    if (newest !== undefined && newest > startedAt.getTime()) return true;
    // Sessions are short; the oldest remembered ones go first.
    this.newestSearchStart.set(session, startedAt.getTime());
    return false;
  }

  /** Buffers a thing done with a practice; an opened practice also marks its search session answered. Never throws. */
  recordOutcome(input: OutcomeEventInput, at = new Date()): void {
    try {
      if (this.closed) return;
      const doc = outcomeDocument(input, at);
      this.enqueue(`outcome:${++this.sequence}`, [{ create: { _index: weekIndexFor(this.names, at) } }, { ...doc }]);
      if (input.outcome === "opened" && input.session !== undefined) {
        const opened = {
          kind: "search",
          tracked: true,
          session: input.session,
          opened: true,
          openedPracticeId: input.practice.id,
          openedRank: input.rank ?? null,
          openedAt: doc.at,
        };
        const index = this.sessionIndex(input.session, at);
        this.enqueue(
          `opened:${input.session}`,
          [
            { update: { _index: index, _id: input.session, retry_on_conflict: 3 } },
            { doc: opened, doc_as_upsert: true },
          ],
          { session: input.session, at, startedAt: null, attempts: 0 },
        );
      }
    } catch (error) {
      this.warn(`an outcome event could not be recorded: ${String(error)}`);
    }
  }

  /** Writes everything buffered so far (after any write in progress); resolves when done. Never rejects. */
  flush(): Promise<void> {
    this.writing = this.writing
      .then(() => this.writeAll())
      .catch((error: unknown) => this.warn(`desk events could not be written: ${String(error)}`));
    return this.writing;
  }

  /** The counters /api/health shows. */
  health(): AnalyticsHealth {
    return { status: "on", buffered: this.pending.size, written: this.written, dropped: this.dropped };
  }

  private enqueue(key: string, operation: BulkOperation, sessionWrite?: SessionWrite): void {
    if (!this.pending.has(key) && this.pending.size >= this.maxBuffered) {
      this.dropped++;
      return;
    }
    this.pending.set(key, { operation, sessionWrite });
    if (this.pending.size >= this.batchSize && !this.inFlight) void this.flush();
  }

  /** The weekly index of a session: where its first search went, so it stays one document. */
  private sessionIndex(session: string, at: Date): string {
    const known = this.sessionWeeks.get(session);
    const now = at.getTime();
    const index = known && now - known.at < SESSION_MEMORY_MS ? known.index : weekIndexFor(this.names, at);
    this.sessionWeeks.set(session, { index, at: now });
    return index;
  }

  private async writeAll(): Promise<void> {
    while (this.pending.size > 0) {
      const batch = [...this.pending.entries()].slice(0, this.batchSize);
      for (const [key] of batch) this.pending.delete(key);
      this.inFlight = true;
      try {
        await this.writeBatch(batch);
      } finally {
        this.inFlight = false;
      }
    }
  }

  private async writeBatch(batch: [string, Buffered][]): Promise<void> {
    const transport = { requestTimeout: this.writeTimeoutMs, maxRetries: 0 };
    try {
      if (!this.storageReady) {
        // Without the template a write would create a week with guessed mappings and no alias.
        await ensureDeskEventStorage(this.es, this.names, this.options.replicas ?? 0);
        this.storageReady = true;
      }
      const placed = await this.placeSessionWrites(batch, transport);
      const sent = placed.filter((entry) => entry.operation !== null);
      const superseded = placed.length - sent.length;
      this.written += superseded;
      if (sent.length === 0) return;
      const response = await this.es.bulk({ operations: sent.flatMap((entry) => entry.operation ?? []) }, transport);
      let failed = 0;
      let retried = 0;
      let firstError = "";
      for (const [position, item] of response.items.entries()) {
        const result = Object.values(item)[0];
        const entry = sent[position];
        // another instance wrote the session between the read and this write: placed afresh next round
        if (result?.status === 409 && entry && this.retryLater(entry.key, entry.buffered)) {
          retried++;
          continue;
        }
        if (result?.error) {
          failed++;
          firstError ||= `${result.error.type}: ${result.error.reason ?? ""}`;
        }
      }
      this.written += sent.length - failed - retried;
      this.dropped += failed;
      if (failed > 0) this.warn(`${failed} desk events were refused and dropped (${firstError})`);
    } catch (error) {
      this.dropped += batch.length;
      this.warn(`${batch.length} desk events were dropped: ${String(error)}`);
    }
  }

  /**
   * Where each session write goes: the session's stored document (this week's or last week's index, read in
   * real time) is updated guarded by its sequence number, or created; a search older than the stored one is
   * superseded (null). Other events go as buffered.
   */
  private async placeSessionWrites(
    batch: [string, Buffered][],
    transport: { requestTimeout: number; maxRetries: number },
  ): Promise<{ key: string; buffered: Buffered; operation: BulkOperation | null }[]> {
    const lookups = batch.flatMap(([, buffered]) => {
      const write = buffered.sessionWrite;
      if (!write) return [];
      const previous = weekIndexFor(this.names, new Date(write.at.getTime() - WEEK_MS));
      return [previous, this.actionOf(buffered.operation)._index as string].map((index) => ({
        _index: index,
        _id: write.session,
      }));
    });
    const found = lookups.length === 0 ? [] : (await this.es.mget<{ at?: string }>({ docs: lookups }, transport)).docs;
    let next = 0;
    return batch.map(([key, buffered]) => {
      const write = buffered.sessionWrite;
      if (!write) return { key, buffered, operation: buffered.operation };
      const stored = [found[next], found[next + 1]].find((doc) => doc && "found" in doc && doc.found);
      next += 2;
      const body = buffered.operation[1] as { doc?: Record<string, unknown>; upsert?: Record<string, unknown> };
      const target = this.actionOf(buffered.operation);
      if (!stored || !("found" in stored)) {
        if (write.startedAt === null) return { key, buffered, operation: buffered.operation };
        return {
          key,
          buffered,
          operation: [{ create: { _index: target._index, _id: write.session } }, body.upsert ?? {}],
        };
      }
      const place = { _index: stored._index, _id: write.session };
      if (write.startedAt === null) return { key, buffered, operation: [{ update: { ...target, ...place } }, body] };
      const storedStart = Date.parse(stored._source?.at ?? "");
      if (storedStart > write.startedAt) return { key, buffered, operation: null };
      const guard = { if_seq_no: stored._seq_no, if_primary_term: stored._primary_term };
      return { key, buffered, operation: [{ update: { ...place, ...guard } }, { doc: body.doc ?? {} }] };
    });
  }

  private actionOf(operation: BulkOperation): Record<string, unknown> {
    return Object.values(operation[0])[0] as Record<string, unknown>;
  }

  /** Buffers a session write that lost a race again, unless a newer one replaced it meanwhile; false past the attempts. */
  private retryLater(key: string, buffered: Buffered): boolean {
    const write = buffered.sessionWrite;
    if (!write || write.attempts + 1 >= SESSION_WRITE_ATTEMPTS) return false;
    if (!this.pending.has(key))
      this.pending.set(key, { ...buffered, sessionWrite: { ...write, attempts: write.attempts + 1 } });
    return true;
  }

  /** Logs at most one warning a minute: a failing cluster must not flood the log either. */
  private warn(message: string): void {
    const now = Date.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = now;
    this.options.log.warn(`analytics: ${message}`);
  }
}
