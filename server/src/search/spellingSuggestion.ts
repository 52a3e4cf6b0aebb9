/**
 * "Did you mean": a misspelt word of the query replaced by the nearest word of the base, in a form
 * the base holds. Only words the base holds in no form (wordSearch.ts checks each, inflections
 * included) are replaced, so a correctly typed query is never "corrected".
 */
import type { KbContext } from "../context";
import type { estypes } from "../storage/elasticsearch";
import { editDistance, foldText, normalizeForStemming, words } from "./text";

/**
 * The edits a word may be away from its suggestion: one in words of up to five letters, two in longer
 * ones. The suggester allows two everywhere, which turns a real word the base lacks into another word
 * ("deaf" → "desk"); a typo in a short word is one letter.
 */
const allowedEdits = (word: string): number => (word.length <= 5 ? 1 : 2);

/** The suggester's best replacement within the allowed edits for each folded word it had one for. */
function replacementsOf(response: estypes.SearchResponse<unknown>): Map<string, string> {
  const replacements = new Map<string, string>();
  const entries = (response.suggest?.spelling ?? []) as estypes.SearchTermSuggest[];
  for (const entry of entries) {
    const options = Array.isArray(entry.options) ? entry.options : [entry.options];
    const limit = allowedEdits(entry.text);
    const best = options.find((option) => editDistance(entry.text, option.text, limit) <= limit);
    if (best && !replacements.has(entry.text)) replacements.set(entry.text, best.text);
  }
  return replacements;
}

const TEXT_FIELDS = ["title", "situation", "response", "sayPhrases", "avoidPhrases", "tags"];

/**
 * The suggested words as the base writes them: the suggester knows only folded terms (no diacritics,
 * `ksiazka` for `książka`), so each is looked up in a practice that holds it.
 */
async function writtenForms(ctx: KbContext, terms: string[]): Promise<Map<string, string>> {
  const searches: estypes.MsearchRequestItem[] = terms.flatMap((term) => [
    { index: ctx.names.practices },
    { size: 1, query: { term: { "search.fold.all": term } }, _source: TEXT_FIELDS },
  ]);
  const { responses } = await ctx.es.msearch<Record<string, unknown>>({ searches });
  const forms = new Map<string, string>();
  terms.forEach((term, position) => {
    const answer = responses[position];
    const source = answer && !("error" in answer) ? answer.hits.hits[0]?._source : undefined;
    const text = TEXT_FIELDS.flatMap((field) => [source?.[field] ?? []].flat().map(String)).join(" ");
    const written = normalizeForStemming(text)
      .match(/[\p{L}\p{N}']+/gu)
      ?.find((word) => foldText(word) === term);
    if (written) forms.set(term, written);
  });
  return forms;
}

/**
 * The query with its misspelt words replaced, or null when there is nothing to correct: every word
 * is in the base (`wordsInBase`), or the suggester found nothing near the others.
 */
export async function spellingSuggestion(
  ctx: KbContext,
  response: estypes.SearchResponse<unknown>,
  text: string,
  wordsInBase: Set<string>,
): Promise<string | null> {
  const typed = words(text);
  const replacements = replacementsOf(response);
  const misspelt = [...new Set(typed.filter((word) => !wordsInBase.has(word) && replacements.has(word)))];
  if (misspelt.length === 0) return null;
  const forms = await writtenForms(
    ctx,
    misspelt.map((word) => replacements.get(word) ?? word),
  );
  // The other words stay as typed (folding is 1:1 in length, so the folded text's positions fit the typed one).
  const folded = foldText(text);
  let suggestion = "";
  let end = 0;
  for (const match of folded.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu)) {
    const term = replacements.get(match[0]);
    if (!term || !misspelt.includes(match[0])) continue;
    suggestion += text.slice(end, match.index) + (forms.get(term) ?? term);
    end = match.index + match[0].length;
  }
  suggestion += text.slice(end);
  return suggestion.trim() !== text.trim() ? suggestion.trim() : null;
}
