import { CONTENT_LANGUAGES, type ContentLanguage, type SearchHit } from "@practice-kb/shared";
import type { estypes } from "../storage/elasticsearch";
import { escapeHtml, normalizeForStemming } from "./text";

/** Private-use characters the highlighter wraps matches in, replaced by <mark> after escaping. */
export const MARK_OPEN = "\uE000";
export const MARK_CLOSE = "\uE001";
const MARK_SPLIT = /([\uE000\uE001])/;

/** How far back a fragment is extended so that it starts where its sentence does (characters). */
export const SENTENCE_REACH = 40;
/** Shown where a fragment starts or ends inside a sentence. */
export const ELLIPSIS = "…";

const SENTENCE_END = /[.!?…](?:["»”’)\]]*)\s+$/u;
const LEADING_PUNCTUATION = /^[\s.,;:!?…)\]»”’-]+/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Where a snippet of `text` found at [from, to) should start and end so that it never begins mid-word
 * or with the end of the previous sentence: back to its sentence's start when that is near, else at
 * the next word, marked as cut; the end is marked as cut unless it ends the text or a sentence.
 */
export function snippetBounds(
  text: string,
  from: number,
  to: number,
): { start: number; end: number; cutStart: boolean; cutEnd: boolean } {
  // The highlighter's sentence boundary can leave the previous sentence's full stop in front.
  let start = from + (LEADING_PUNCTUATION.exec(text.slice(from, to))?.[0].length ?? 0);
  const atSentenceStart = (at: number) => at === 0 || SENTENCE_END.test(text.slice(0, at)) || text[at - 1] === "\n";
  let cutStart = false;
  if (!atSentenceStart(start)) {
    const reach = text.slice(Math.max(0, start - SENTENCE_REACH), start);
    const lastEnd = Math.max(
      ...[...reach.matchAll(/[.!?…]["»”’)\]]*\s+|\n/gu)].map((m) => (m.index ?? -1) + m[0].length),
      -1,
    );
    if (lastEnd >= 0) start = start - reach.length + lastEnd;
    else if (start - SENTENCE_REACH <= 0) start = 0;
    else {
      cutStart = true;
      // Mid-word: move on to the next word.
      while (start < to && WORD_CHARACTER.test(text[start - 1] ?? "") && WORD_CHARACTER.test(text[start] ?? ""))
        start++;
      while (start < to && /\s/u.test(text[start] ?? "")) start++;
    }
  }
  const cutEnd = to < text.trimEnd().length && !/[.!?…]["»”’)\]]*$/u.test(text.slice(0, to).trimEnd());
  return { start, end: to, cutStart, cutEnd };
}

/**
 * Turns a fragment highlighted on normalised text back into the original text (normalisation is
 * 1:1 per character, so offsets carry over), HTML-escapes it and marks the matches with <mark>.
 * The original values are normalised one by one until one contains the fragment; found there, the
 * snippet is moved to a sentence or word boundary (snippetBounds) and a cut is shown with an ellipsis.
 */
export function restoreHighlight(fragment: string, originalValues: string[]): string {
  const plain = fragment.replaceAll(MARK_OPEN, "").replaceAll(MARK_CLOSE, "");
  let found: { text: string; offset: number } | null = null;
  for (const original of originalValues) {
    const normalised = normalizeForStemming(original);
    if (normalised.length !== original.length) continue;
    const offset = normalised.indexOf(plain);
    if (offset >= 0) {
      found = { text: original, offset };
      break;
    }
  }
  if (!found) return markedText(fragment, plain);
  const { text, offset } = found;
  const bounds = snippetBounds(text, offset, offset + plain.length);
  // Text added in front of the fragment (back to its sentence's start), or dropped from it (up to the
  // next word), never a mark: a fragment that starts with a match starts at a word already.
  const leadingPlain = fragment.split(MARK_SPLIT)[0] ?? "";
  const dropped = Math.min(Math.max(0, bounds.start - offset), leadingPlain.length);
  const lead = bounds.start < offset ? text.slice(bounds.start, offset) : "";
  return (
    (bounds.cutStart ? ELLIPSIS : "") +
    escapeHtml(lead) +
    markedText(fragment, text.slice(offset, offset + plain.length), dropped) +
    (bounds.cutEnd ? ELLIPSIS : "")
  );
}

/** The fragment's text with its marks as <mark>, its characters taken from `source` (the original), the first `skip` left out. */
function markedText(fragment: string, source: string, skip = 0): string {
  // Escape each run of text between marks once (escaping per character was a tenth of the app's CPU).
  let out = "";
  let position = 0;
  for (const part of fragment.split(MARK_SPLIT)) {
    if (part === MARK_OPEN) out += "<mark>";
    else if (part === MARK_CLOSE) out += "</mark>";
    else if (part) {
      const from = Math.max(position, skip);
      out += escapeHtml(source.slice(from, position + part.length));
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
