/**
 * What a desk query may not take into storage: a reader's email, phone or card number. Queries are
 * masked before they are buffered, so the raw text never leaves the request that carried it.
 */
import { crudeStem, words } from "../search/text";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// Seven to fifteen digits in groups joined by spaces, dots, dashes or brackets, optionally after a "+":
// +48 601 234 567, (050) 123-45-67, 601-234-567. A lone run of digits is left to the rule below.
const PHONE = /(?<![\p{N}])\+?\(?\p{Nd}{1,4}\)?(?:[\s.\-()]{1,3}\p{Nd}{1,4}){2,}(?![\p{N}])/gu;
// Four digits or more: card, ticket and ID numbers, years and house numbers alike.
const NUMBER = /\p{Nd}{4,}/gu;

/** Replaces emails, phone numbers and every run of four or more digits with [email], [phone], [number]. */
export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, "[email]")
    .replace(PHONE, (match) => (countDigits(match) >= 7 && countDigits(match) <= 15 ? "[phone]" : match))
    .replace(NUMBER, "[number]");
}

function countDigits(text: string): number {
  return text.replace(/\P{Nd}/gu, "").length;
}

// Endings dropped after the five-letter cut, so short words meet their inflected forms too (fine ~ fines).
const LOOSE_ENDING = /[aeiouysаеиоуыэюяіїєьй]+$/u;

/** A word cut to its crude stem, then without a vowel or "s" ending (kept at three letters at least). */
function needStem(word: string): string {
  const stem = crudeStem(word);
  const loose = stem.replace(LOOSE_ENDING, "");
  return loose.length >= 3 ? loose : stem.slice(0, 3);
}

/**
 * The key that counts the same need typed differently as one: folded (lowercase, no diacritics), cut
 * to crude stems and sorted, so "Fines disputed", "dispute fine" and "DISPUTED FINES" share it; masked
 * personal data is left out of it.
 */
export function needKey(maskedQuery: string): string {
  // A masked reader's number or address says nothing about the need: "lost bag [phone]" is "lost bag".
  // (A query of nothing but masked data keeps them, so it is still listed, as "[email] [phone]".)
  const withoutMasks = maskedQuery.replace(/\[(?:email|phone|number)\]/g, " ");
  const stems = words(withoutMasks).map(needStem);
  return [...new Set(stems.length > 0 ? stems : words(maskedQuery).map(needStem))].sort().join(" ");
}
