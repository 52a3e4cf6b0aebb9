/**
 * The unanswered needs counted together by meaning, where search by meaning is on: after the word-level
 * grouping (need keys), groups whose most common wordings embed close together become one. The
 * wordings are embedded when the list is asked for, with a cache, so recording costs the desk nothing
 * and only the few hundred listed needs are ever embedded (not every one of a million searches).
 */
import type { UnansweredItem } from "@practice-kb/shared/insights";
import type { EmbeddingsProvider } from "../embeddings/provider";
import { RecentMap } from "../lib/recentMap";

/**
 * Cosine (multilingual-e5-small query vectors) at or above which two needs are one. e5 packs everything
 * between ~0.75 and 1: on real desk wordings, the same need reworded measured 0.86-0.95 ("child left alone
 * in the library" / "kid alone in the reading room" 0.941, "zgubiona karta biblioteczna" / "czytelnik zgubił
 * kartę" 0.949) and different needs up to 0.904 ("kid alone in the reading room" / "reader asleep in the
 * reading room"; "dziecko samo w bibliotece" / "zgubiona karta biblioteczna" 0.889). Merging two needs hides
 * one, leaving two lines costs a glance: the threshold sits above every different pair seen, and catches
 * the closest rewordings only (docs/insights.md).
 */
export const SAME_NEED_COSINE = 0.92;
/** Needs embedded at most per request (the rest keep their word-level groups). */
const MAX_EMBEDDED_PER_REQUEST = 200;
/**
 * Wordings per embeddings request: the query service answers one request at a time, and a desk search
 * waits at most EMBEDDINGS_QUERY_TIMEOUT_MS (150 ms) for its vector, so a chunk must take less than that.
 */
const CHUNK = 8;
/** The time the whole list may spend embedding before it answers with what it has. */
const EMBEDDING_BUDGET_MS = 3_000;
/** Wordings kept in the cache (1.5 KB each). */
const CACHE_SIZE = 5_000;
const MAX_EXAMPLES = 8;

/** Vectors of wordings already embedded, per provider (least recently used dropped first). */
const caches = new WeakMap<EmbeddingsProvider, RecentMap<string, Float32Array>>();

function cacheOf(provider: EmbeddingsProvider): RecentMap<string, Float32Array> {
  let cache = caches.get(provider);
  if (!cache) {
    cache = new RecentMap(CACHE_SIZE);
    caches.set(provider, cache);
  }
  return cache;
}

/** The vectors of `texts` (cached or embedded now, in small chunks, within the budget); missing ones are absent. */
async function vectorsOf(provider: EmbeddingsProvider, texts: string[]): Promise<Map<string, Float32Array>> {
  const cache = cacheOf(provider);
  const found = new Map<string, Float32Array>();
  const missing: string[] = [];
  for (const text of texts) {
    const vector = cache.touch(text);
    if (vector) {
      found.set(text, vector);
    } else if (missing.length < MAX_EMBEDDED_PER_REQUEST) {
      missing.push(text);
    }
  }
  const deadline = Date.now() + EMBEDDING_BUDGET_MS;
  for (let start = 0; start < missing.length && Date.now() < deadline; start += CHUNK) {
    const chunk = missing.slice(start, start + CHUNK);
    const vectors = await provider.embed(chunk, "query", { timeoutMs: Math.max(1, deadline - Date.now()) });
    chunk.forEach((text, i) => {
      const vector = Float32Array.from(vectors[i] ?? []);
      cache.set(text, vector);
      found.set(text, vector);
    });
  }
  return found;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum; // the vectors are L2-normalised
}

/** The listing order: most frequent first, newest first within equal counts. */
export const byCountThenNewest = (a: UnansweredItem, b: UnansweredItem) =>
  b.count - a.count || b.lastSeen.localeCompare(a.lastSeen);

/**
 * Merges word-level groups that mean the same: each group, most frequent first, joins the first larger
 * group (a leader, never one that joined another, so meaning does not drift along a chain) whose wording
 * is at least SAME_NEED_COSINE close, adding its counts, last date and wordings. A group whose wording
 * could not be embedded stays as it is; when the embeddings service fails, so do all of them.
 */
export async function mergeByMeaning(items: UnansweredItem[], provider: EmbeddingsProvider): Promise<UnansweredItem[]> {
  if (items.length < 2) return items;
  let vectors: Map<string, Float32Array>;
  try {
    vectors = await vectorsOf(
      provider,
      items.map((item) => item.query),
    );
  } catch {
    // Grouping by meaning is a refinement: without the service the word-level list is still right.
    return items;
  }
  const leaders: { item: UnansweredItem; vector: Float32Array | undefined }[] = [];
  for (const item of [...items].sort(byCountThenNewest)) {
    const vector = vectors.get(item.query);
    const leader = vector
      ? leaders.find((candidate) => candidate.vector && cosine(candidate.vector, vector) >= SAME_NEED_COSINE)
      : undefined;
    if (!leader) {
      leaders.push({ item: { ...item, examples: [...item.examples] }, vector });
      continue;
    }
    const merged = leader.item;
    merged.count += item.count;
    merged.zeroResults += item.zeroResults;
    if (item.lastSeen > merged.lastSeen) merged.lastSeen = item.lastSeen;
    // The other wording shows among the examples, before the variants of case and spelling of the first.
    const examples = [...merged.examples.slice(0, 3), ...item.examples.slice(0, 2), ...merged.examples.slice(3)];
    merged.examples = [...new Set(examples)].slice(0, MAX_EXAMPLES);
  }
  return leaders.map((leader) => leader.item).sort(byCountThenNewest);
}
