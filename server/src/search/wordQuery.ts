import { CONTENT_LANGUAGES, type ContentLanguage, type SearchQuery } from "@practice-kb/shared";
import type { estypes } from "../storage/elasticsearch";
import { activeFacetFilters, facetAggregations, facetFilters, GROUP_COUNT, TRANSLATION_KEY } from "./facetQuery";
import { highlightRequest } from "./highlight";
import { GROUP_TOTAL, PRESENTED_FIELDS } from "./presentation";
import { type SynonymGroup, synonymExpansions } from "./synonyms";
import { crudeStems, foldText, normalizeForStemming, words } from "./text";

type QueryContainer = estypes.QueryDslQueryContainer;

/**
 * Every boost of the word query, tuned on the labelled sets (bench/relevance): how much each clause
 * counts and, within a clause, each field. How word and meaning results combine is FUSION (fusion.ts).
 */
export const WEIGHTS = {
  /** Each language's hunspell stems, per field (the clause itself counts 1). */
  stemmed: { title: 4, situation: 2, response: 1, phrases: 1 },
  /** The folded text (no case, no diacritics) as typed: the clause, and per field. */
  foldedExact: 0.6,
  folded: { title: 3, situation: 1.5, response: 1, phrases: 1 },
  /** Typo tolerance, over one field holding all the folded text. */
  fuzzy: 0.35,
  /** The last word while it is being typed, as a word's beginning: the clause, and per field. */
  prefix: 0.5,
  prefixFields: { title: 2, situation: 1 },
  /** Crude stems (each word's first letters) for inflections hunspell misses: the clause, and per field. */
  crudeStem: 0.5,
  crudeStemFields: { title: 2, rest: 1 },
  /** The curator's synonyms of the query's words, in titles and situations (with the stemmed field boosts). */
  synonym: 0.6,
  /** Factor for practices in the searcher's language: a tie-breaker that scales with the match. */
  userLanguage: 2,
  /** Share of the other matching fields' scores a multi_match adds to its best field's. */
  tieBreaker: 0.3,
};

/** Field names with boosts in Elasticsearch's `field^boost` notation (a boost of 1 is the default). */
function boosted(prefix: string, boosts: Record<string, number>): string[] {
  return Object.entries(boosts).map(([field, boost]) => (boost === 1 ? prefix + field : `${prefix}${field}^${boost}`));
}

/** The per-language hunspell fields with their weights (built once: every query uses them). */
const STEMMED_FIELDS = CONTENT_LANGUAGES.flatMap((language) => boosted(`search.${language}.`, WEIGHTS.stemmed));

/** Synonyms name the situation, so they are matched in titles and situations only: each language's fields. */
const SYNONYM_FIELDS_OF = Object.fromEntries(
  CONTENT_LANGUAGES.map((language) => [
    language,
    boosted(`search.${language}.`, { title: WEIGHTS.stemmed.title, situation: WEIGHTS.stemmed.situation }),
  ]),
) as Record<ContentLanguage, string[]>;
const SYNONYM_FIELDS = Object.values(SYNONYM_FIELDS_OF).flat();

const FOLDED_FIELDS = boosted("search.fold.", WEIGHTS.folded);

/**
 * Practices holding any of the terms in a title or situation: all terms in one clause (within a field
 * their scores add up as separate clauses' did, same nDCG on both labelled sets, and the request stays
 * small: a clause per term repeated the field list, 30 KB of query for three synonym groups). Synonyms
 * name the situation, so title and situation suffice; matching them across long response texts cost a
 * quarter of a search and mostly found noise.
 */
export function synonymMatch(terms: string[], boost?: number, fields = SYNONYM_FIELDS): QueryContainer {
  return {
    multi_match: {
      query: terms.map(normalizeForStemming).join(" "),
      fields,
      type: "best_fields",
      ...(boost === undefined ? {} : { boost }),
    },
  };
}

/** A query's synonym expansions: from groups that tell practices apart, and from common ones. */
interface Expansions {
  telling: string[];
  common: string[];
}

/** How long the last word, while it is being typed, must be to be searched as a word's beginning. */
const PREFIX_MIN_LETTERS = 2;

/** The clauses that find practices for a text; the non-fuzzy ones are also used for highlighting. */
function textClauses(
  text: string,
  expansions: Expansions,
  partialLastWord: boolean,
  deskLanguage: ContentLanguage | undefined,
) {
  const stemmed = normalizeForStemming(text);
  const folded = foldText(text);
  const exact: QueryContainer[] = [
    { multi_match: { query: stemmed, fields: STEMMED_FIELDS, type: "best_fields", tie_breaker: WEIGHTS.tieBreaker } },
    {
      multi_match: {
        query: folded,
        fields: FOLDED_FIELDS,
        type: "best_fields",
        tie_breaker: WEIGHTS.tieBreaker,
        boost: WEIGHTS.foldedExact,
      },
    },
  ];
  const forgiving: QueryContainer[] = [
    {
      // One field holding all the folded text: typo expansion per field was a quarter of a search's cost.
      multi_match: {
        query: folded,
        fields: ["search.fold.all"],
        type: "best_fields",
        fuzziness: "AUTO:5,9",
        prefix_length: 1,
        max_expansions: 20,
        boost: WEIGHTS.fuzzy,
      },
    },
    {
      multi_match: {
        query: crudeStems(text),
        fields: boosted("search.stem.", WEIGHTS.crudeStemFields),
        type: "best_fields",
        boost: WEIGHTS.crudeStem,
      },
    },
  ];
  if (partialLastWord) {
    forgiving.push({
      multi_match: {
        query: folded,
        fields: boosted("search.fold.", WEIGHTS.prefixFields),
        type: "bool_prefix",
        boost: WEIGHTS.prefix,
      },
    });
  }
  if (expansions.telling.length > 0) exact.push(synonymMatch(expansions.telling, WEIGHTS.synonym));
  // A common group's terms (see COMMON_SYNONYMS) find the desk language's practices written in other words
  // only: in every language they matched most of the base and told nothing apart (boosting the other
  // languages' matches with them changed no ranking of either labelled set).
  if (expansions.common.length > 0 && deskLanguage) {
    exact.push(synonymMatch(expansions.common, WEIGHTS.synonym, SYNONYM_FIELDS_OF[deskLanguage]));
  }
  return { exact, forgiving };
}

/**
 * Approved practices that contain every word of the text as typed or inflected, without typo
 * forgiveness: whether a word exists in the base (for keyboard-layout rescue and spelling suggestions).
 * Every word, because a stray fragment of a mistyped text often means something somewhere (`ed` of
 * `pf,ed` is an English suffix); real words all match together. `loose` also accepts a word's crude
 * stem, for a layout reading in a form the base does not hold (`читальні` beside `читальній`).
 */
function strictQuery(text: string, loose: boolean): QueryContainer {
  const tokens = normalizeForStemming(text).match(/[\p{L}\p{N}']+/gu) ?? [];
  return {
    bool: {
      filter: [
        { term: { status: "approved" } },
        ...tokens.map(
          (token): QueryContainer => ({
            bool: {
              should: [
                { multi_match: { query: token, fields: STEMMED_FIELDS } },
                { multi_match: { query: foldText(token), fields: FOLDED_FIELDS } },
                ...(loose
                  ? [{ multi_match: { query: crudeStems(token), fields: ["search.stem.title", "search.stem.rest"] } }]
                  : []),
              ],
              minimum_should_match: 1,
            },
          }),
        ),
      ],
    },
  };
}

/** A text whose presence in the base the word search request counts (see WORD_CHECKS). */
export interface WordCheck {
  text: string;
  loose: boolean;
}

/** The aggregation counting, over the whole base, how many practices each WordCheck matches (buckets `c<i>`). */
export const WORD_CHECKS = "wordChecks";

/**
 * The word search request for a text: approved practices matching it (or all, for no text) under the
 * active filters, with facet counts, highlights, a spelling suggestion and, given `wordChecks`, how many
 * practices each of those texts matches (see WORD_CHECKS).
 */
export function wordSearchRequest(
  query: SearchQuery,
  text: string,
  synonymGroups: SynonymGroup[],
  index: string,
  wordChecks: WordCheck[] = [],
): estypes.SearchRequest {
  const filters = facetFilters(query);
  const activeFilters = activeFacetFilters(query);
  const hasText = words(text).length > 0;
  const baseFilter: QueryContainer[] = [{ term: { status: "approved" } }];
  // The user's language multiplies the score: a tie-breaker that scales with how good the match is.
  const preferLanguage = (inner: QueryContainer): QueryContainer =>
    query.uiLanguage
      ? {
          function_score: {
            query: inner,
            functions: [{ filter: { term: { language: query.uiLanguage } }, weight: WEIGHTS.userLanguage }],
            boost_mode: "multiply",
          },
        }
      : inner;
  let mainQuery: QueryContainer;
  let highlight: estypes.SearchHighlight | undefined;
  if (hasText) {
    // A word's beginning needs two letters: one letter ("fine d") is the start of a twentieth of the base's
    // words, which at 100,000 practices cost a third of the search and ranked nothing usefully.
    const partialLastWord = !/\s$/.test(text) && (words(text).at(-1)?.length ?? 0) >= PREFIX_MIN_LETTERS;
    const expansionsOf = (common: boolean) =>
      synonymExpansions(
        text,
        synonymGroups.filter((group) => group.common === common),
      );
    const expansions = { telling: expansionsOf(false), common: expansionsOf(true) };
    const { exact, forgiving } = textClauses(text, expansions, partialLastWord, query.uiLanguage);
    mainQuery = preferLanguage({
      bool: { filter: baseFilter, should: [...exact, ...forgiving], minimum_should_match: 1 },
    });
    // Only the exact clauses: fuzzy clauses in highlighting cost 5-50x the query itself.
    highlight = highlightRequest(exact);
  } else {
    mainQuery = preferLanguage({ constant_score: { filter: { bool: { filter: baseFilter } } } });
  }
  return {
    index,
    from: query.from,
    size: query.size,
    track_total_hits: true,
    query: mainQuery,
    post_filter: activeFilters.length > 0 ? { bool: { filter: activeFilters } } : undefined,
    // One hit per translation group: its best-scoring version (translationGroups.ts picks the card's language).
    collapse: { field: TRANSLATION_KEY },
    aggs: {
      ...facetAggregations(filters),
      // The total counts groups under the same filters as the hits (post_filter does not narrow aggregations).
      [GROUP_TOTAL]: {
        filter: { bool: { filter: activeFilters } },
        aggs: GROUP_COUNT,
      },
      // Whether each word matches as typed, or read in a Cyrillic layout, decides on a re-reading and on
      // spelling suggestions. Counted over the whole base (global); a reading of real English or Polish
      // text is gibberish whose terms the index lacks, so counting it costs next to nothing.
      ...(wordChecks.length > 0
        ? {
            [WORD_CHECKS]: {
              global: {},
              aggs: {
                found: {
                  filters: {
                    filters: Object.fromEntries(
                      wordChecks.map((check, position) => [`c${position}`, strictQuery(check.text, check.loose)]),
                    ),
                  },
                },
              },
            },
          }
        : {}),
    },
    highlight,
    // Without text, scores differ only by the searcher's language; within it the most helpful come first.
    sort: hasText ? ["_score", { id: "asc" }] : ["_score", { "meta.helpfulCount": "desc" }, { id: "asc" }],
    _source: PRESENTED_FIELDS,
    suggest: hasText
      ? {
          text: foldText(text),
          spelling: { term: { field: "search.fold.all", suggest_mode: "missing", min_word_length: 4 } },
        }
      : undefined,
  };
}
