/**
 * Keyboard-layout rescue, word by word: a word typed with the keyboard in the Latin layout while the
 * librarian meant Ukrainian or Russian (`inhfa` for `штраф`) is read in the ЙЦУКЕН layout when it
 * does not match as typed and its reading does; the words that match as typed stay as they are, so a
 * query with one word in the wrong layout (`дитина cfvf`) still searches as meant.
 */

/** The Cyrillic layouts a Latin-typed word may have been meant in. */
export type CyrillicLayout = "uk" | "ru";

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

const LAYOUTS: Record<CyrillicLayout, Record<string, string>> = { uk: UKRAINIAN_LAYOUT, ru: RUSSIAN_LAYOUT };

function convertLayout(text: string, layout: Record<string, string>): string {
  return [...text.toLowerCase()].map((char) => layout[char] ?? char).join("");
}

/** Words checked at most: the rescue is for a few hurried words, and each costs a count over the base. */
export const MAX_CHECKED_WORDS = 12;

/** True when a word has Latin letters and no Cyrillic or Latin diacritics: it might be Cyrillic typed in the wrong layout. */
export function mightBeWrongLayout(word: string): boolean {
  return /[a-z]/i.test(word) && !/[\u0400-\u04ff]/.test(word) && !/[ąćęłńóśźżäöüéèáíúý]/i.test(word);
}

/** A word of the query that might be in the wrong layout, and what it reads as in each Cyrillic layout. */
export interface LayoutCandidate {
  /** Its position among the query's pieces (layoutPieces). */
  position: number;
  typed: string;
  readings: Record<CyrillicLayout, string>;
}

/** The query split into words and the whitespace between them (joined again, they give the query). */
export function layoutPieces(text: string): string[] {
  return text.split(/(\s+)/);
}

/** The pieces that might be typed in the wrong layout (the first MAX_CHECKED_WORDS words only). */
export function layoutCandidates(pieces: string[]): LayoutCandidate[] {
  const candidates: LayoutCandidate[] = [];
  let wordsSeen = 0;
  pieces.forEach((piece, position) => {
    if (!piece.trim()) return;
    wordsSeen++;
    if (wordsSeen > MAX_CHECKED_WORDS || !mightBeWrongLayout(piece)) return;
    const readings = { uk: convertLayout(piece, LAYOUTS.uk), ru: convertLayout(piece, LAYOUTS.ru) };
    candidates.push({ position, typed: piece, readings });
  });
  return candidates;
}

/** How many practices a candidate word matches as typed and in each layout's reading. */
export type CandidateMatches = { typed: number } & Record<CyrillicLayout, number>;

/**
 * The query as meant, or null when every word stays as typed. A word that matches as typed stays; one
 * that does not is read in the layout whose reading matches more. Ties (the readings are often the
 * same letters) and words no reading matches follow the layout most words chose, else `preferred`
 * (the desk's language); a word nothing matches is converted only when another word's reading did
 * match, since then the whole query was evidently typed in the wrong layout.
 */
export function rescueLayout(
  pieces: string[],
  candidates: LayoutCandidate[],
  matchesOf: (candidate: LayoutCandidate) => CandidateMatches,
  preferred: CyrillicLayout,
): string | null {
  const votes: Record<CyrillicLayout, number> = { uk: 0, ru: 0 };
  const decided = candidates.map((candidate) => {
    const matches = matchesOf(candidate);
    if (matches.typed > 0) return "typed" as const;
    if (matches.uk === 0 && matches.ru === 0) return "nothing" as const;
    if (matches.uk !== matches.ru) {
      const layout: CyrillicLayout = matches.uk > matches.ru ? "uk" : "ru";
      votes[layout]++;
      return layout;
    }
    return "either" as const;
  });
  if (!decided.some((decision) => decision === "uk" || decision === "ru" || decision === "either")) return null;
  const majority: CyrillicLayout = votes.uk === votes.ru ? preferred : votes.uk > votes.ru ? "uk" : "ru";
  const meant = [...pieces];
  candidates.forEach((candidate, index) => {
    const decision = decided[index];
    if (decision === "typed") return;
    const layout = decision === "uk" || decision === "ru" ? decision : majority;
    meant[candidate.position] = candidate.readings[layout];
  });
  return meant.join("");
}

/** The layout a desk language suggests for ties: its own if Cyrillic, else Ukrainian. */
export function preferredLayout(uiLanguage: string | undefined): CyrillicLayout {
  return uiLanguage === "ru" ? "ru" : "uk";
}
