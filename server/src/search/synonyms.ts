import type { KbContext } from "../context";
import { crudeStem, words } from "./text";

/** A curator-managed group of words or phrases that mean the same, possibly across languages. */
export interface SynonymGroup {
  id: string;
  terms: string[];
  /** Each term's crude stems, computed once when the groups load rather than on every search. */
  termStems: string[][];
}

/** A group as stored, with its terms' stems worked out for matching queries. */
function prepareSynonymGroup(id: string, terms: string[]): SynonymGroup {
  return { id, terms, termStems: terms.map(stemsOf) };
}

const CACHE_MILLISECONDS = 5_000;

/**
 * Keeps the synonym groups in memory. Writes through this process invalidate the cache at once;
 * writes by other processes are seen within a few seconds.
 */
export class SynonymCache {
  private groups: SynonymGroup[] = [];
  private loadedAt = 0;
  private loading: Promise<SynonymGroup[]> | null = null;

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
    this.groups = response.hits.hits.map((hit) => prepareSynonymGroup(hit._id ?? "", hit._source?.terms ?? []));
    this.loadedAt = Date.now();
    return this.groups;
  }
}

function stemsOf(text: string): string[] {
  return words(text).map(crudeStem);
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((stem, offset) => haystack[start + offset] === stem)) return true;
  }
  return false;
}

/** The terms to add to a query: every other member of each group one of whose terms the query contains, in any inflection. */
export function synonymExpansions(query: string, groups: SynonymGroup[]): string[] {
  const queryStems = stemsOf(query);
  const expansions = new Set<string>();
  for (const group of groups) {
    const matched = group.terms.filter((_, position) => containsSequence(queryStems, group.termStems[position] ?? []));
    if (matched.length === 0) continue;
    for (const term of group.terms) if (!matched.includes(term)) expansions.add(term);
  }
  return [...expansions];
}
