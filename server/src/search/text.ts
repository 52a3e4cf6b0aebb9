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

/**
 * Full folding for the language-neutral fields: as above, plus Latin letters
 * without diacritics (żółw → zolw) and ґ → г. 1:1 in length as well.
 */
export function foldText(text: string): string {
  const light = normalizeForStemming(text).replace(/ґ/g, "г");
  let out = "";
  for (const char of light) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x00c0 && code <= 0x024f) {
      const base = LATIN_EXTRA[char] ?? char.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      out += base.length === 1 ? base : char;
    } else {
      out += char;
    }
  }
  return out;
}

const WORD = /[\p{L}\p{N}']+/gu;

/** Splits folded text into words (letters, digits, inner apostrophes). */
export function words(text: string): string[] {
  return (foldText(text).match(WORD) ?? []).map((word) => word.replace(/^'+|'+$/g, "")).filter(Boolean);
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

// QWERTY key -> ЙЦУКЕН letter, shared part of the Russian and Ukrainian layouts.
const COMMON_LAYOUT: Record<string, string> = {
  q: "й",
  w: "ц",
  e: "у",
  r: "к",
  t: "е",
  y: "н",
  u: "г",
  i: "ш",
  o: "щ",
  p: "з",
  "[": "х",
  a: "ф",
  d: "в",
  f: "а",
  g: "п",
  h: "р",
  j: "о",
  k: "л",
  l: "д",
  ";": "ж",
  z: "я",
  x: "ч",
  c: "с",
  v: "м",
  b: "и",
  n: "т",
  m: "ь",
  ",": "б",
  ".": "ю",
};
const RUSSIAN_LAYOUT: Record<string, string> = { ...COMMON_LAYOUT, s: "ы", "]": "ъ", "'": "э", "`": "ё" };
const UKRAINIAN_LAYOUT: Record<string, string> = { ...COMMON_LAYOUT, s: "і", "]": "ї", "'": "є", "`": "'" };

function convertLayout(text: string, layout: Record<string, string>): string {
  return [...text.toLowerCase()].map((char) => layout[char] ?? char).join("");
}

/** True when the text has Latin letters and no Cyrillic, i.e. it might be Cyrillic typed in the wrong layout. */
export function mightBeWrongLayout(text: string): boolean {
  return /[a-z]/i.test(text) && !/[\u0400-\u04ff]/.test(text) && !/[ąćęłńóśźżäöüéèáíúý]/i.test(text);
}

/** The Cyrillic readings of a text typed with the keyboard in QWERTY layout (Ukrainian and Russian). */
export function wrongLayoutReadings(text: string): string[] {
  const readings = [convertLayout(text, UKRAINIAN_LAYOUT), convertLayout(text, RUSSIAN_LAYOUT)];
  return [...new Set(readings)];
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
