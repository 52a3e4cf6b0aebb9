/** What String.prototype.trim removes: ECMAScript's white space and line terminators, spelled out for any regex engine. */
const BLANK = "[\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";
const FILLED = "[^\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]";

/**
 * A pattern true of a string at least `min` characters long once trimmed, for a `.trim().min(min)` schema:
 * the rule is checked by the trim and min already; the pattern lets the OpenAPI document state it.
 */
export function trimmedAtLeast(min: number): RegExp {
  if (min <= 1) return new RegExp(FILLED);
  return new RegExp(`^${BLANK}*${FILLED}[\\s\\S]{${min - 2},}${FILLED}${BLANK}*$`);
}
