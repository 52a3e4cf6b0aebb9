import { CONTENT_LANGUAGES, type ContentLanguage, type SearchHit } from "@practice-kb/shared";
import type { estypes } from "../storage/elasticsearch";
import { escapeHtml, normalizeForStemming } from "./text";

/** Private-use characters the highlighter wraps matches in, replaced by <mark> after escaping. */
export const MARK_OPEN = "\uE000";
export const MARK_CLOSE = "\uE001";
const MARK_SPLIT = /([\uE000\uE001])/;

/**
 * Turns a fragment highlighted on normalised text back into the original text (normalisation is
 * 1:1 per character, so offsets carry over), HTML-escapes it and marks the matches with <mark>.
 * The original values are normalised one by one until one contains the fragment.
 */
export function restoreHighlight(fragment: string, originalValues: string[]): string {
  const plain = fragment.replaceAll(MARK_OPEN, "").replaceAll(MARK_CLOSE, "");
  let restoredPlain: string | null = null;
  for (const original of originalValues) {
    const normalised = normalizeForStemming(original);
    if (normalised.length !== original.length) continue;
    const offset = normalised.indexOf(plain);
    if (offset >= 0) {
      restoredPlain = original.slice(offset, offset + plain.length);
      break;
    }
  }
  const source = restoredPlain ?? plain;
  // Escape each run of text between marks once (escaping per character was a tenth of the app's CPU).
  let out = "";
  let position = 0;
  for (const part of fragment.split(MARK_SPLIT)) {
    if (part === MARK_OPEN) out += "<mark>";
    else if (part === MARK_CLOSE) out += "</mark>";
    else if (part) {
      out += escapeHtml(source.slice(position, position + part.length));
      position += part.length;
    }
  }
  return out;
}

/** The parts of a practice a result card shows highlighted. */
const HIGHLIGHTED_FIELDS = ["title", "situation", "response"] as const;

const FRAGMENT_SHAPES: Record<(typeof HIGHLIGHTED_FIELDS)[number], estypes.SearchHighlightField> = {
  title: { number_of_fragments: 0 },
  situation: { fragment_size: 160, number_of_fragments: 1 },
  // The card shows one fragment: the situation's, else the response's.
  response: { fragment_size: 140, number_of_fragments: 1 },
};
// Highlight the per-language stemmed fields only: the folded copies would show folded text.
const STEMMED_HIGHLIGHT_FIELDS = Object.fromEntries(
  CONTENT_LANGUAGES.flatMap((language) =>
    HIGHLIGHTED_FIELDS.map((field) => [`search.${language}.${field}`, FRAGMENT_SHAPES[field]]),
  ),
);

/** The highlight part of a word search: what the given (exact) clauses matched, marked with MARK_OPEN/CLOSE. */
export function highlightRequest(clauses: estypes.QueryDslQueryContainer[]): estypes.SearchHighlight {
  return {
    pre_tags: [MARK_OPEN],
    post_tags: [MARK_CLOSE],
    highlight_query: { bool: { should: clauses } },
    require_field_match: false,
    fields: STEMMED_HIGHLIGHT_FIELDS,
  };
}

/** The original text of a practice's highlighted parts. */
interface HighlightedText {
  language: ContentLanguage;
  title: string;
  situation: string;
  response: string[];
}

/** A hit's highlighted fragments (Elasticsearch's, by field) restored against the practice's original text. */
export function highlightsOf(doc: HighlightedText, found: Record<string, string[]>): SearchHit["highlights"] {
  const highlights: SearchHit["highlights"] = {};
  for (const field of HIGHLIGHTED_FIELDS) {
    const fragments = found[`search.${doc.language}.${field}`];
    if (!fragments || fragments.length === 0) continue;
    const original = ([] as string[]).concat(doc[field]);
    const restored = fragments.map((fragment) => restoreHighlight(fragment, original));
    if (field === "title") highlights.title = restored[0];
    else highlights[field] = restored;
  }
  return highlights;
}
