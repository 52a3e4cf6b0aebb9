import { CONTENT_LANGUAGES, PRACTICE_FIELD_NAMES, type PracticeFieldKind, practiceField } from "@practice-kb/shared";
import type { estypes } from "./elasticsearch";
import { actorMapping, keyword, unindexedText } from "./mappingParts";

/**
 * Bump when the practices mapping changes (a content field added to shared/src/practiceFields.ts changes
 * it too); the app then copies documents into a new index and moves the alias.
 */
// 3: `vector` (dense_vector) and `embeddingModel` for search by meaning.
// 4: offsets on the highlighted per-language fields (highlighting without re-analysis).
// 5: `sentBack` in meta and pending (the version a reviewer sent back, for the reply and the diff since).
// 6: `translationKey` and `meta.translationGroup` (translation links; copied documents get their key).
// 7: `meta.translationOf` and `meta.originalChanged` (translating in the app; "the original changed" marks).
export const PRACTICES_MAPPING_VERSION = 7;

/** Brings a practice stored under an older mapping up to this one as it is copied (indices.ts). */
export function upgradePracticeSource(source: Record<string, unknown>): Record<string, unknown> {
  if (typeof source.translationKey === "string") return source;
  const group = (source.meta as { translationGroup?: string | null } | undefined)?.translationGroup;
  return { ...source, translationKey: group ? `g:${group}` : `p:${String(source.id)}` };
}

// A reviewer's "request changes": the revision sent back, who, when, what to change (read, never searched).
const sentBackMapping = {
  properties: { revision: { type: "integer" }, by: actorMapping, at: { type: "date" }, comment: unindexedText },
} as const;

// Short stop-word lists: only words that never carry the meaning of a desk query.
const STOP_WORDS: Record<(typeof CONTENT_LANGUAGES)[number], string[]> = {
  uk: [
    "і",
    "й",
    "та",
    "в",
    "у",
    "на",
    "з",
    "із",
    "зі",
    "до",
    "за",
    "що",
    "це",
    "а",
    "але",
    "як",
    "по",
    "від",
    "для",
    "чи",
    "ж",
    "же",
    "би",
    "б",
    "то",
  ],
  pl: [
    "i",
    "w",
    "z",
    "na",
    "do",
    "się",
    "że",
    "to",
    "a",
    "o",
    "od",
    "po",
    "za",
    "jak",
    "czy",
    "jest",
    "ze",
    "we",
    "oraz",
    "lub",
  ],
  ru: [
    "и",
    "в",
    "во",
    "на",
    "с",
    "со",
    "к",
    "ко",
    "по",
    "за",
    "что",
    "это",
    "а",
    "но",
    "как",
    "от",
    "для",
    "ли",
    "же",
    "бы",
    "из",
    "у",
    "о",
    "об",
    "то",
  ],
  en: [
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "is",
    "are",
    "was",
    "be",
    "it",
    "this",
    "that",
    "by",
    "as",
    "from",
  ],
};

/** Analysis settings: per-language hunspell analyzers and a plain folded analyzer (standard tokenizer + lowercase). */
export function analysisSettings(): estypes.IndicesIndexSettingsAnalysis {
  const filter: Record<string, estypes.AnalysisTokenFilter> = {};
  const analyzer: Record<string, estypes.AnalysisAnalyzer> = {
    kb_fold: { type: "custom", tokenizer: "standard", filter: ["lowercase"] },
  };
  for (const language of CONTENT_LANGUAGES) {
    filter[`kb_stop_${language}`] = { type: "stop", stopwords: STOP_WORDS[language] };
    filter[`kb_hunspell_${language}`] = {
      type: "hunspell",
      locale: language,
      dedup: true,
    } as unknown as estypes.AnalysisTokenFilter;
    analyzer[`kb_${language}`] = {
      type: "custom",
      tokenizer: "standard",
      filter: ["lowercase", `kb_stop_${language}`, `kb_hunspell_${language}`],
    };
  }
  return { filter, analyzer };
}

const folded = { type: "text", analyzer: "kb_fold" } as const;
// Folded text also goes to one field that the spelling suggester reads, so a word known anywhere counts as known.
const foldedToAll = { type: "text", analyzer: "kb_fold", copy_to: "search.fold.all" } as const;

// How each kind of content field is stored. Text and phrases are also kept as plain standard-analysed
// copies: the baseline of the relevance benchmark searches these (the app searches `search.*`).
const CONTENT_KIND_MAPPING: Record<PracticeFieldKind, estypes.MappingProperty> = {
  text: { type: "text" },
  language: keyword,
  phrases: { type: "text" },
  taxonomy: keyword,
  tags: { type: "keyword", normalizer: "kb_lowercase" },
  note: { type: "text", index: false },
  date: { type: "date", format: "yyyy-MM-dd" },
};

function contentMappings(): Record<string, estypes.MappingProperty> {
  return Object.fromEntries(PRACTICE_FIELD_NAMES.map((name) => [name, CONTENT_KIND_MAPPING[practiceField(name).kind]]));
}

/** The practices mapping: stored fields as the format has them, plus derived search fields written by the app. */
export function practicesMapping(): estypes.MappingTypeMapping {
  const perLanguage: Record<string, estypes.MappingProperty> = {};
  for (const language of CONTENT_LANGUAGES) {
    const analysed = { type: "text", analyzer: `kb_${language}` } as const;
    // Offsets in the postings let the highlighter read match positions instead of re-running
    // hunspell over every hit's text: that re-analysis was half of a search's cost (docs/benchmarks.md).
    const highlighted = { ...analysed, index_options: "offsets" } as const;
    perLanguage[language] = {
      properties: { title: highlighted, situation: highlighted, response: highlighted, phrases: analysed },
    };
  }
  return {
    dynamic: "strict",
    properties: {
      id: keyword,
      status: keyword,
      ...contentMappings(),
      contentHash: keyword,
      translationKey: keyword,
      // Search by meaning, written by the embedding queue (embeddings/embeddingQueue.ts) after the practice itself.
      // Absent until embedded; a write of the practice's text drops both, so the new text is embedded again.
      // Plain float HNSW: ES 9 would default to bbq_hnsw (1-bit quantised) for 384 dims; at the size of a
      // knowledge base (10,000 practices = 15 MB of floats) exact scores cost nothing and lose no recall.
      vector: { type: "dense_vector", dims: 384, similarity: "cosine", index: true, index_options: { type: "hnsw" } },
      embeddingModel: keyword,
      meta: {
        properties: {
          author: keyword,
          reviewer: keyword,
          createdAt: { type: "date" },
          updatedAt: { type: "date" },
          revision: { type: "integer" },
          helpfulCount: { type: "integer" },
          notHelpfulCount: { type: "integer" },
          authorName: keyword,
          reviewerName: keyword,
          approvedAt: { type: "date" },
          liveRevision: { type: "integer" },
          reviewComment: unindexedText,
          authorNote: unindexedText,
          sentBack: sentBackMapping,
          translationGroup: keyword,
          translationOf: {
            properties: { id: keyword, language: keyword, title: unindexedText, revision: { type: "integer" } },
          },
          originalChanged: { properties: { revision: { type: "integer" }, at: { type: "date" } } },
        },
      },
      // An edit of an approved practice awaiting review; its text is not searched until approved.
      pending: {
        properties: {
          revision: { type: "integer" },
          state: keyword,
          by: actorMapping,
          at: { type: "date" },
          comment: unindexedText,
          reviewComment: unindexedText,
          sentBack: sentBackMapping,
          content: { type: "object", enabled: false },
        },
      },
      search: {
        properties: {
          ...perLanguage,
          fold: {
            properties: {
              title: foldedToAll,
              situation: foldedToAll,
              response: foldedToAll,
              phrases: foldedToAll,
              all: folded,
            },
          },
          stem: { properties: { title: folded, rest: folded } },
        },
      },
    },
  };
}

/** Index settings for practices; replicas come from configuration (0 on a single node). */
export function practicesSettings(replicas: number): estypes.IndicesIndexSettings {
  return {
    number_of_shards: 1,
    number_of_replicas: replicas,
    analysis: {
      ...analysisSettings(),
      normalizer: { kb_lowercase: { type: "custom", filter: ["lowercase"] } },
    },
  };
}
