import { crudeStem, words } from "./text";

/** A curator-managed group of words or phrases that mean the same, possibly across languages. */
export interface SynonymGroup {
  id: string;
  terms: string[];
  /** Each term's crude stems, computed once when the groups load rather than on every search. */
  termStems: string[][];
  /**
   * Its terms are in so many practices that they tell none apart (see COMMON_SYNONYMS): the word query
   * looks for them in the desk language's practices only.
   */
  common: boolean;
}

/**
 * When a group counts as common: its terms in over `share` of the approved practices' titles and
 * situations, in a base of at least `minPractices` (in a smaller one every word is in a large share).
 * A generic group (читач, czytelnik, reader, visitor…) made three quarters of a 100,000-practice base
 * match any query naming a reader, and counting those matches was half of the search's time.
 */
export const COMMON_SYNONYMS = { share: 0.5, minPractices: 50 };

/** A group as stored, with its terms' stems worked out for matching queries. */
export function prepareSynonymGroup(id: string, terms: string[], common = false): SynonymGroup {
  return { id, terms, termStems: terms.map(stemsOf), common };
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
