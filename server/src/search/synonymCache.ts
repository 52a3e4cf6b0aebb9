import type { KbContext } from "../context";
import { totalOf } from "./presentation";
import { COMMON_SYNONYMS, prepareSynonymGroup, type SynonymGroup } from "./synonyms";
import { synonymMatch } from "./wordQuery";

const CACHE_MILLISECONDS = 5_000;
/** How long a group's share of the base is trusted: it changes as slowly as the base grows. */
const SHARES_MILLISECONDS = 10 * 60_000;

/** A group's terms, as the key of its counted share (a group whose terms change is counted again). */
const termsKey = (terms: string[]) => JSON.stringify(terms);

/**
 * Keeps the synonym groups in memory. Writes through this process invalidate the cache at once;
 * writes by other processes are seen within a few seconds. Which groups are common (COMMON_SYNONYMS)
 * is counted when a group is new or changed, and again every few minutes in the background.
 */
export class SynonymCache {
  private groups: SynonymGroup[] = [];
  private loadedAt = 0;
  private loading: Promise<SynonymGroup[]> | null = null;
  /** Each group's terms → whether they are common; counted at `sharesAt`. */
  private common = new Map<string, boolean>();
  private sharesAt = 0;
  private counting: Promise<void> | null = null;

  constructor(private readonly ctx: KbContext) {}

  /** The current groups, reloaded when older than a few seconds. */
  async current(): Promise<SynonymGroup[]> {
    if (Date.now() - this.loadedAt < CACHE_MILLISECONDS) return this.groups;
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Forgets the cached groups so the next search sees a change at once. */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private async load(): Promise<SynonymGroup[]> {
    const response = await this.ctx.es.search<{ terms: string[] }>({
      index: this.ctx.names.synonyms,
      size: 10_000,
      query: { match_all: {} },
    });
    const stored = response.hits.hits.map((hit) => ({ id: hit._id ?? "", terms: hit._source?.terms ?? [] }));
    const uncounted = stored.some((group) => !this.common.has(termsKey(group.terms)));
    if (uncounted) await this.countShares(stored);
    else if (Date.now() - this.sharesAt > SHARES_MILLISECONDS) void this.countShares(stored);
    this.groups = stored.map(({ id, terms }) => prepareSynonymGroup(id, terms, this.common.get(termsKey(terms))));
    this.loadedAt = Date.now();
    return this.groups;
  }

  /** Counts, in one request, the approved practices each group's terms are in; a failed count leaves every group telling. */
  private countShares(groups: { id: string; terms: string[] }[]): Promise<void> {
    if (groups.length === 0) return Promise.resolve();
    this.counting ??= (async () => {
      const common = new Map<string, boolean>();
      try {
        const response = await this.ctx.es.search({
          index: this.ctx.names.practices,
          size: 0,
          track_total_hits: true,
          query: { term: { status: "approved" } },
          aggs: {
            groups: {
              filters: {
                filters: Object.fromEntries(
                  groups.map((group, position) => [`g${position}`, synonymMatch(group.terms)]),
                ),
              },
            },
          },
        });
        const total = totalOf(response);
        type Buckets = { groups?: { buckets?: Record<string, { doc_count: number }> } };
        const buckets = (response.aggregations as Buckets | undefined)?.groups?.buckets ?? {};
        groups.forEach((group, position) => {
          const count = buckets[`g${position}`]?.doc_count ?? 0;
          common.set(
            termsKey(group.terms),
            total >= COMMON_SYNONYMS.minPractices && count > COMMON_SYNONYMS.share * total,
          );
        });
        this.sharesAt = Date.now();
      } catch {
        // counted again by the next load, in the background
        for (const group of groups) common.set(termsKey(group.terms), false);
        this.sharesAt = 0;
      }
      this.common = common;
    })().finally(() => {
      this.counting = null;
    });
    return this.counting;
  }
}
