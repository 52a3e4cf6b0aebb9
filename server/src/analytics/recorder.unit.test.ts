import type { SearchQuery } from "@practice-kb/shared";
import { describe, expect, it, vi } from "vitest";
import type { Client } from "../storage/elasticsearch";
import { deskEventNames } from "./eventIndices";
import type { SearchEventInput } from "./events";
import { InsightRecorder } from "./recorder";

const names = deskEventNames("unit-");
const silent = { warn: () => {} };

function fakeEs(bulk: (request: { operations: unknown[] }) => Promise<unknown>) {
  const calls: unknown[][] = [];
  const es = {
    bulk: vi.fn(async (request: { operations: unknown[] }) => {
      calls.push(request.operations);
      return bulk(request);
    }),
    // no session stored yet: every session write creates its document
    mget: async (request: { docs: { _index: string; _id: string }[] }) => ({
      docs: request.docs.map((doc) => ({ ...doc, found: false })),
    }),
    indices: { putIndexTemplate: async () => ({}), existsAlias: async () => false, putMapping: async () => ({}) },
  };
  return { es: es as unknown as Client, calls };
}

const accepted = async (request: { operations: unknown[] }) => ({
  errors: false,
  items: Array.from({ length: request.operations.length / 2 }, () => ({ update: { status: 200 } })),
});

function search(q: string, session?: string): SearchEventInput {
  const query: SearchQuery = { q, situationType: [], channel: [], audience: [], language: [], from: 0, size: 20 };
  return {
    query,
    result: { total: 0, hits: [], interpretedQuery: null, suggestion: null },
    role: "staff",
    tookMs: 3,
    session,
  };
}

describe("the desk-event recorder", () => {
  it("collapses a session's searches into its last one before writing", async () => {
    const { es, calls } = fakeEs(accepted);
    const recorder = new InsightRecorder(es, names, { flushIntervalMs: 60_000, log: silent });
    for (const q of ["b", "bl", "blo", "blor", "blorp"]) recorder.recordSearch(search(q, "session-0001"));
    expect(recorder.health().buffered).toBe(1);
    await recorder.flush();
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(calls[0])).toContain('"query":"blorp"');
    expect(JSON.stringify(calls[0])).not.toContain('"query":"blor"');
    expect(recorder.health()).toEqual({ status: "on", buffered: 0, written: 1, dropped: 0 });
  });

  it("never lets a keystroke's search that ends late replace the session's later query", async () => {
    const { es, calls } = fakeEs(accepted);
    const recorder = new InsightRecorder(es, names, { flushIntervalMs: 60_000, log: silent });
    const startedAt = (ms: number) => new Date(Date.UTC(2026, 11, 4, 10, 0, 0, ms));
    recorder.recordSearch(search("blorp", "session-0002"), startedAt(500));
    await recorder.flush();
    // "blo" started before "blorp" but its answer came after the next write.
    recorder.recordSearch(search("blo", "session-0002"), startedAt(300));
    expect(recorder.health().buffered).toBe(0);
    await recorder.flush();
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(calls[0])).toContain('"query":"blorp"');
  });

  it("holds a bounded number of events and counts the rest as dropped", () => {
    const { es } = fakeEs(accepted);
    const recorder = new InsightRecorder(es, names, { flushIntervalMs: 60_000, maxBuffered: 3, log: silent });
    for (let i = 0; i < 5; i++) recorder.recordSearch(search(`query ${i}`));
    expect(recorder.health()).toMatchObject({ buffered: 3, dropped: 2 });
  });

  it("never waits for a hanging Elasticsearch, and drops what a failing one refuses", async () => {
    const hanging = fakeEs(() => new Promise(() => {}));
    const slow = new InsightRecorder(hanging.es, names, {
      flushIntervalMs: 60_000,
      maxBuffered: 2,
      batchSize: 1,
      log: silent,
    });
    const started = performance.now();
    for (let i = 0; i < 50; i++) slow.recordSearch(search(`query ${i}`));
    expect(performance.now() - started).toBeLessThan(50);
    expect(slow.health().dropped).toBeGreaterThan(0);

    const failing = fakeEs(async () => {
      throw new Error("connect ECONNREFUSED");
    });
    const recorder = new InsightRecorder(failing.es, names, { flushIntervalMs: 60_000, log: silent });
    recorder.recordSearch(search("one"));
    recorder.recordSearch(search("two"));
    await expect(recorder.flush()).resolves.toBeUndefined();
    expect(recorder.health()).toMatchObject({ buffered: 0, written: 0, dropped: 2 });
  });

  it("keeps a session crossing Sunday midnight in the week it started", async () => {
    const { es, calls } = fakeEs(accepted);
    const recorder = new InsightRecorder(es, names, { flushIntervalMs: 60_000, log: silent });
    recorder.recordSearch(search("late", "session-0002"), new Date("2025-03-09T23:59:58Z"));
    recorder.recordSearch(search("later", "session-0002"), new Date("2025-03-10T00:00:03Z"));
    recorder.recordSearch(search("next week"), new Date("2025-03-10T00:00:04Z"));
    await recorder.flush();
    const indices = (calls[0] as { update?: { _index: string }; create?: { _index: string } }[])
      .filter((_, position) => position % 2 === 0)
      .map((action) => (action.update ?? action.create)?._index);
    expect(indices).toEqual(["unit-desk-events-2025.03.03", "unit-desk-events-2025.03.10"]);
  });

  it("records nothing for the home page's empty search", () => {
    const { es } = fakeEs(accepted);
    const recorder = new InsightRecorder(es, names, { flushIntervalMs: 60_000, log: silent });
    recorder.recordSearch(search("   "));
    expect(recorder.health().buffered).toBe(0);
  });
});
