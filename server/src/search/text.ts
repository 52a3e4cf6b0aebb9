/**
 * Text normalisation done in the application, because the Elasticsearch test
 * distribution has no analysis-common (no asciifolding, mapping char filter or
 * synonym filter). Every function here keeps a 1:1 character mapping where it
 * says so, so that highlights computed on normalised text map back to the original.
 */

const APOSTROPHES = /[\u2019\u02BC\u0060\u00B4\u2018]/g;

/**
 * Light normalisation for the hunspell fields: lowercase, ё→е, one apostrophe.
 * Keeps length and positions (1:1), so highlights can be mapped back.
 */
export function normalizeForStemming(text: string): string {
  return text.toLowerCase().replace(/ё/g, "е").replace(APOSTROPHES, "'");
}

const LATIN_EXTRA: Record<string, string> = { ł: "l", đ: "d", ø: "o", ß: "s", æ: "a", œ: "o", ı: "i" };

/** Latin letters with diacritics and the like (U+00C0-U+024F): the only characters foldText changes besides ґ. */
const LATIN_DIACRITIC = /[\u00C0-\u024F]/g;
/** Each such letter's folded form, worked out once (NFD per letter was the bulk of folding's cost). */
const foldedLetters = new Map<string, string>();

function foldLetter(char: string): string {
  let folded = foldedLetters.get(char);
  if (folded === undefined) {
    const base = LATIN_EXTRA[char] ?? char.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    folded = base.length === 1 ? base : char;
    foldedLetters.set(char, folded);
  }
  return folded;
}

/**
 * Full folding for the language-neutral fields: as above, plus Latin letters
 * without diacritics (żółw → zolw) and ґ → г. 1:1 in length as well.
 */
export function foldText(text: string): string {
  // the range holds no surrogates, so replacing by UTF-16 unit is replacing by character
  return normalizeForStemming(text).replace(/ґ/g, "г").replace(LATIN_DIACRITIC, foldLetter);
}

const WORD = /[\p{L}\p{N}']+/gu;

/** Splits folded text into words (letters, digits, inner apostrophes). */
export function words(text: string): string[] {
  const found = foldText(text).match(WORD) ?? [];
  const out: string[] = [];
  for (const word of found) {
    // most words hold no apostrophe: they need no trimming
    const trimmed = word.includes("'") ? word.replace(/^'+|'+$/g, "") : word;
    if (trimmed) out.push(trimmed);
  }
  return out;
}

/** Length kept by the crude stem; long enough to tell words apart, short enough to drop Slavic endings. */
export const CRUDE_STEM_LENGTH = 5;

/**
 * A language-neutral "stem": the word folded and cut to five characters.
 * It catches inflection that hunspell cannot see, e.g. Polish typed without diacritics (ksiazki ~ książka).
 */
export function crudeStem(word: string): string {
  return word.length > CRUDE_STEM_LENGTH ? word.slice(0, CRUDE_STEM_LENGTH) : word;
}

/** The crude stems of a text, space-separated, ready for a plain standard-analysed field. */
export function crudeStems(text: string): string {
  return words(text).map(crudeStem).join(" ");
}

/** Escapes text for safe insertion into HTML. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed the limit. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
