import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, testEmbeddingsProvider } from "../../test/testApp";
import { castVote } from "../analytics/feedbackVotes";
import { loadConfig, REPO_ROOT } from "../config";
import type { KbContext } from "../context";
import { type LocalEmbeddings, servicePaths, startLocalEmbeddings } from "../engine/localEmbeddings";
import { provideEmbeddings } from "../engine/provideEmbeddings";
import { exportInterchangeFile } from "../interchange/exportFile";
import { importInterchangeFile } from "../interchange/importFile";
import { findPractice } from "../practices/commands";
import { EmbeddingQueue, passageTextOf } from "./embeddingQueue";
import { createOpenAiEmbeddingsProvider, type EmbeddingsProvider } from "./provider";

const taxonomyFile = JSON.parse(readFileSync(path.join(REPO_ROOT, "seed/00-taxonomy.json"), "utf8"));
const MODEL = "multilingual-e5-small";
const FAST_QUEUE = { pollMs: 100, minBackoffMs: 100, maxBackoffMs: 400 };
const silent = { info: () => {}, warn: () => {}, error: () => {} };

function practice(overrides: Record<string, unknown> = {}) {
  return {
    id: "en-reserved-book-given-away",
    language: "en",
    title: "Reserved book was given to someone else",
    situation: "A reader calls, upset that the book they reserved was lent to another reader.",
    situationType: "complaint",
    channels: ["phone"],
    audiences: ["adults"],
    response: ["Let the reader finish without interrupting.", "Check the record while they are on the line."],
    sayPhrases: ["I understand how annoying this is."],
    avoidPhrases: ["That's the rules."],
    tags: ["reservations", "holds"],
    status: "approved",
    ...overrides,
  };
}

const PRACTICES = [
  practice(),
  practice({
    id: "uk-bezdomnyi-spyt-u-chytalni",
    language: "uk",
    title: "Бездомний відвідувач спить у читальній залі",
    situation: "Людина без житла заснула в кріслі читальної зали, інші читачі скаржаться.",
    situationType: "rule-exception",
    tags: ["бездомність"],
  }),
  practice({
    id: "pl-glosna-rozmowa-telefoniczna",
    language: "pl",
    title: "Głośna rozmowa telefoniczna w czytelni",
    situation: "Czytelnik prowadzi głośną rozmowę przez telefon w cichej strefie.",
    situationType: "conflict",
    status: "in_review",
    tags: ["hałas"],
  }),
];
const ARCHIVED_PRACTICE = practice({
  id: "en-old-archived-rule",
  title: "An old rule about fax machines",
  status: "archived",
});

async function importPractices(ctx: KbContext, practices: unknown[]) {
  return importInterchangeFile(ctx, { ...taxonomyFile, practices }, { role: "administrator", author: "test" });
}

async function waitFor<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The stored vector fields (Elasticsearch 9.2+ leaves vectors out of _source unless asked). */
async function storedVector(ctx: KbContext, id: string): Promise<{ vector?: number[]; embeddingModel?: string }> {
  const response = await ctx.es.search<{ vector?: number[]; embeddingModel?: string }>({
    index: ctx.names.practices,
    query: { ids: { values: [id] } },
    // (with _source_exclude_vectors, Elasticsearch 9.3 ignores a `_source` list in the body; the parameter works)
    _source_includes: ["vector", "embeddingModel"],
    _source_exclude_vectors: false,
  });
  return response.hits.hits[0]?._source ?? {};
}

describe("passageTextOf", () => {
  it("embeds what the situation is: title, situation and tags", () => {
    expect(passageTextOf({ title: " Title ", situation: "What happens.", tags: ["a", "b"] })).toBe(
      "Title\nWhat happens.\na, b",
    );
    expect(passageTextOf({ title: "T", situation: "S", tags: [] })).toBe("T\nS");
  });
});

describe("health with embeddings off", () => {
  it("reports them as off and the app as ok", async () => {
    const t = await createTestApp();
    try {
      expect(t.app.embeddings).toBeNull();
      const response = await t.app.inject({ url: "/api/health" });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        status: "ok",
        embeddings: { status: "off", model: null, pending: 0 },
      });
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!process.env.EMBEDDINGS_URL)("the embedding queue", () => {
  let t: TestApp;
  let ctx: KbContext;
  beforeAll(async () => {
    t = await createTestApp({ embeddings: true, embeddingQueue: FAST_QUEUE });
    ctx = t.app.kb;
  });
  afterAll(async () => {
    await t?.close();
  });
  const status = () => ctx.embeddings?.queue.status() ?? Promise.reject(new Error("embeddings are off"));

  it("embeds imported practices in the background (but not archived ones), with the model id", async () => {
    await importPractices(ctx, [...PRACTICES, ARCHIVED_PRACTICE]);
    const done = await waitFor(status, (s) => s.pending === 0);
    expect(done).toMatchObject({ model: MODEL, pending: 0, embedded: 3, failing: false, skipped: 0 });
    for (const { id } of PRACTICES) {
      const stored = await storedVector(ctx, id);
      expect(stored.embeddingModel).toBe(MODEL);
      expect(stored.vector).toHaveLength(384);
      const norm = Math.hypot(...(stored.vector ?? []));
      expect(norm).toBeCloseTo(1, 2);
    }
    expect(await storedVector(ctx, ARCHIVED_PRACTICE.id)).toEqual({});

    const health = await t.app.inject({ url: "/api/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      status: "ok",
      embeddings: { status: "ok", model: MODEL, pending: 0, embedded: 3 },
    });
  });

  it("finds a practice across languages with a kNN query on the stored vectors", async () => {
    const provider = ctx.embeddings?.provider as EmbeddingsProvider;
    const [query] = await provider.embed(["бездомний спить"], "query", { timeoutMs: 5000 });
    const response = await ctx.es.search({
      index: ctx.names.practices,
      knn: { field: "vector", query_vector: query, k: 1, num_candidates: 10 },
      _source: ["id"],
    });
    expect(response.hits.hits[0]?._id).toBe("uk-bezdomnyi-spyt-u-chytalni");
    const [polish] = await provider.embed(["someone talking loudly on the phone"], "query");
    const cross = await ctx.es.search({
      index: ctx.names.practices,
      knn: { field: "vector", query_vector: polish, k: 1, num_candidates: 10 },
    });
    expect(cross.hits.hits[0]?._id).toBe("pl-glosna-rozmowa-telefoniczna");
  });

  it("keeps vectors out of reads and exports", async () => {
    const found = await findPractice(ctx, "en-reserved-book-given-away");
    expect(found?.doc).not.toHaveProperty("vector");
    const exported = await exportInterchangeFile(ctx);
    expect(JSON.stringify(exported)).not.toMatch(/"vector"|embeddingModel/);
  });

  it("keeps the vector through a feedback vote, but re-embeds a practice whose text changed", async () => {
    const queue = ctx.embeddings?.queue as EmbeddingQueue;
    const voter = { id: "voter-1", name: "Voter", role: "staff" as const };
    await castVote(ctx, { practiceId: "en-reserved-book-given-away", actor: voter, helpful: true });
    await ctx.es.indices.refresh({ index: ctx.names.practices });
    expect((await status()).pending).toBe(0);
    const before = await storedVector(ctx, "en-reserved-book-given-away");

    await queue.stop(); // hold the queue, so "pending" can be seen
    const result = await importPractices(ctx, [practice({ title: "A reserved book went to another reader" })]);
    expect(result.updated).toBe(1);
    expect(await status()).toMatchObject({ pending: 1, embedded: 2 });
    expect(await storedVector(ctx, "en-reserved-book-given-away")).toEqual({});

    queue.start();
    await waitFor(status, (s) => s.pending === 0);
    const after = await storedVector(ctx, "en-reserved-book-given-away");
    expect(after.embeddingModel).toBe(MODEL);
    expect(after.vector).not.toEqual(before.vector);
  });

  it("skips a practice that changed while it was embedded; it stays pending and gets its new text's vector", async () => {
    const queue = ctx.embeddings?.queue as EmbeddingQueue;
    await queue.stop();
    await importPractices(ctx, [practice({ title: "Reserved book lent to another reader by mistake" })]);
    let edited = false;
    const real = testEmbeddingsProvider();
    // a provider that, while the batch is embedded, lets a person save a new text of the same practice
    const racing: EmbeddingsProvider = {
      model: real.model,
      dimensions: real.dimensions,
      async embed(texts, kind, options) {
        if (!edited) {
          edited = true;
          await importPractices(ctx, [practice({ title: "The reserved book went to someone else" })]);
        }
        return real.embed(texts, kind, options);
      },
    };
    const racingQueue = new EmbeddingQueue(ctx, racing);
    const result = await racingQueue.drain();
    expect(result.conflicts).toBe(1);
    // the next pass embedded the new text
    expect(result.embedded).toBe(1);
    expect((await status()).pending).toBe(0);
    const [expected] = await real.embed(
      [passageTextOf({ ...practice(), title: "The reserved book went to someone else" } as never)],
      "passage",
    );
    const stored = await storedVector(ctx, "en-reserved-book-given-away");
    expect(stored.vector?.[0]).toBeCloseTo(expected?.[0] ?? Number.NaN, 5);
    queue.start();
  });

  it("re-embeds everything when the model changes", async () => {
    const queue = ctx.embeddings?.queue as EmbeddingQueue;
    await queue.stop();
    const other = new EmbeddingQueue(ctx, testEmbeddingsProvider("another-model"));
    expect(await other.status()).toMatchObject({ model: "another-model", pending: 3, embedded: 0 });
    const result = await other.drain();
    expect(result.embedded).toBe(3);
    expect(await other.status()).toMatchObject({ pending: 0, embedded: 3 });
    expect((await storedVector(ctx, "pl-glosna-rozmowa-telefoniczna")).embeddingModel).toBe("another-model");
    // and back: the app's own model finds all three pending again
    expect(await status()).toMatchObject({ model: MODEL, pending: 3, embedded: 0 });
    queue.start();
    await waitFor(status, (s) => s.pending === 0);
  });
});

describe.skipIf(!process.env.EMBEDDINGS_URL || loadConfig().EMBEDDINGS === "off")(
  "an embeddings service that goes down",
  () => {
    const config = loadConfig({ ...process.env, EMBEDDINGS: "local" });
    const port = Number(process.env.TEST_EMBEDDINGS_PORT ?? 8190) + 1;
    const startService = () => startLocalEmbeddings({ homeDir: config.EMBEDDINGS_HOME, port, threads: 1, log: silent });
    let service: LocalEmbeddings | undefined;
    let t: TestApp;
    beforeAll(async () => {
      service = await startService();
      t = await createTestApp({
        embeddings: createOpenAiEmbeddingsProvider({ url: service.url, model: MODEL }),
        embeddingQueue: FAST_QUEUE,
      });
    });
    afterAll(async () => {
      await t?.close();
      await service?.stop();
    });

    it("reuses a running local service instead of starting a second one", async () => {
      const again = await startService();
      expect(again.reused).toBe(true);
      expect(again.url).toBe(service?.url);
      expect(again.model).toBe("multilingual-e5-small-q4");
      // Let go of it: a service is stopped only when its last user lets go.
      await again.stop();
      expect(service?.alive()).toBe(true);
    });

    it("reports degraded while words still work, then catches up by itself", async () => {
      const staff = await t.loginAs("staff");
      await service?.stop();
      expect(service?.alive()).toBe(false);
      await importPractices(t.app.kb, PRACTICES.slice(0, 2));

      const queueStatus = await waitFor(
        async () => (await t.app.embeddings?.queue.status()) ?? { failing: false },
        (s) => s.failing,
      );
      expect(queueStatus).toMatchObject({ failing: true, pending: 2 });
      expect(queueStatus).toHaveProperty("lastError", expect.stringMatching(/ECONNREFUSED|cannot reach/));
      const down = await t.app.inject({ url: "/api/health" });
      expect(down.statusCode).toBe(200);
      expect(down.json()).toMatchObject({
        status: "degraded",
        elasticsearch: { reachable: true },
        embeddings: { status: "degraded", model: MODEL, pending: 2 },
      });
      expect(down.json().embeddings.error).toMatch(/ECONNREFUSED|cannot reach/);
      const search = await staff.inject({ url: "/api/search?q=reserved%20book" });
      expect(search.statusCode).toBe(200);
      expect(search.json().hits[0].id).toBe("en-reserved-book-given-away");

      service = await startService();
      expect(service.reused).toBe(false);
      const up = await waitFor(
        () => t.app.inject({ url: "/api/health" }),
        (r) => r.json().embeddings.status === "ok" && r.json().embeddings.pending === 0,
      );
      expect(up.json()).toMatchObject({ status: "ok", embeddings: { embedded: 2 } });
      expect(await t.app.embeddings?.queue.status()).toMatchObject({ failing: false, pending: 0 });
    });
  },
);

describe.skipIf(!process.env.EMBEDDINGS_URL)("embedding progress", () => {
  it("tells the lead how many practices wait for meaning search and about how long that takes", async () => {
    const t = await createTestApp({ embeddings: true, embeddingQueue: FAST_QUEUE });
    const ctx = t.app.kb;
    const queue = ctx.embeddings?.queue as EmbeddingQueue;
    const status = () => queue.status();
    const extra = (n: number) =>
      practice({ id: `en-eta-${n}`, title: `Reader asks for opening hours ${n}`, situation: `Question ${n}.` });
    await importPractices(ctx, [extra(1)]);
    await waitFor(status, (s) => s.pending === 0);
    await queue.stop(); // hold the queue, so what is left can be seen with the rate it measured
    await importPractices(ctx, [extra(2), extra(3)]);
    const waiting = await status();
    expect(waiting.pending).toBe(2);
    expect(waiting.perSecond).toBeGreaterThan(0);
    // two practices at the measured rate (which is rounded to a tenth for display)
    const eta = waiting.etaSeconds as number;
    expect(Math.abs(eta - 2 / (waiting.perSecond as number))).toBeLessThan(2);
    const health = await t.app.inject({ url: "/api/health" });
    expect(health.json().embeddings).toMatchObject({ pending: 2, etaSeconds: expect.any(Number) });

    queue.start();
    await waitFor(status, (s) => s.pending === 0);
    const done = await t.app.inject({ url: "/api/health" });
    expect(done.json().embeddings).not.toHaveProperty("etaSeconds");
    await t.close();
  });
});

/** The nice value of a process (field 19 of /proc/<pid>/stat) and its scheduling policy (40: 5 is SCHED_IDLE). */
function priorityOf(pid: number): { nice: number; policy: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { nice: Number(fields[16]), policy: Number(fields[38]) };
}

describe.skipIf(!process.env.EMBEDDINGS_URL || loadConfig().EMBEDDINGS === "off")("the app's local embeddings", () => {
  it("answers queries on one port and practices on two low-priority workers, survives a worker crash, and stops all", async () => {
    const port = Number(process.env.TEST_EMBEDDINGS_PORT ?? 8190) + 2;
    const config = loadConfig({
      ...process.env,
      EMBEDDINGS: "local",
      EMBEDDINGS_URL: "",
      EMBEDDINGS_PORT: String(port),
      EMBEDDINGS_PASSAGE_WORKERS: "2",
    });
    const provided = await provideEmbeddings(config, silent);
    const pidFile = (p: number) => servicePaths(config.EMBEDDINGS_HOME, p).pidFile;
    const pidOf = (p: number): number => JSON.parse(readFileSync(pidFile(p), "utf8")).pid;
    try {
      expect(provided.reused).toBe(false);
      const provider = provided.provider as EmbeddingsProvider;
      const works = (kind: "query" | "passage", texts = ["a word"]) =>
        provider.embed(texts, kind, { timeoutMs: 3000 }).then(
          (vectors) => vectors.length === texts.length && vectors.every((vector) => vector.length === 384),
          () => false,
        );
      expect(await works("query")).toBe(true);
      // a batch is split over both workers and comes back whole, in order
      const texts = ["first", "second", "third"];
      const vectors = await provider.embed(texts, "passage");
      const alone = await provider.embed(["third"], "passage");
      expect(vectors).toHaveLength(3);
      expect(vectors[2]?.[0]).toBeCloseTo(alone[0]?.[0] as number, 5);
      // the desk's queries keep the app's priority; the practice workers yield the CPU to them
      expect(priorityOf(pidOf(port))).toEqual({ nice: 0, policy: 0 });
      expect(priorityOf(pidOf(port + 1))).toEqual({ nice: 10, policy: 5 });
      expect(priorityOf(pidOf(port + 2))).toEqual({ nice: 10, policy: 5 });

      // one practice worker crashes: queries go on, practices go to the other worker, and it is back within seconds
      const crashed = pidOf(port + 1);
      process.kill(-crashed, "SIGKILL");
      expect(await works("query")).toBe(true);
      expect(await works("passage", texts)).toBe(true);
      await waitFor(
        async () => (existsSync(pidFile(port + 1)) ? pidOf(port + 1) : crashed),
        (pid) => pid !== crashed,
        20_000,
      );
      expect(await works("passage", texts)).toBe(true);
    } finally {
      await provided.stop();
    }
    for (const p of [port, port + 1, port + 2]) expect(existsSync(pidFile(p))).toBe(false);
  });
});
