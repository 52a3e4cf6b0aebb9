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
