import { isUiLanguage } from "@/lib/languages";

/** What every insight request takes: the range (days, inclusive), the filters, and the time zone days are counted in. */
export interface InsightRequest {
  [key: string]: string | number | undefined;
  from: string;
  to: string;
  uiLanguage?: string;
  channel?: string;
  situationType?: string;
  timeZone?: string;
}

/** The ranges offered as one click, in days back from today (inclusive). */
export const RANGE_PRESETS = [7, 30, 90, 365] as const;
const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const TAXONOMY_ID = /^[a-z0-9-]{1,60}$/;

/** A day (YYYY-MM-DD) in the given time zone. */
export function dayIn(at: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The range of a preset: the last `days` days, today included. */
export function presetRange(days: number, now: Date, timeZone: string): { from: string; to: string } {
  return { from: dayIn(new Date(now.getTime() - (days - 1) * DAY_MS), timeZone), to: dayIn(now, timeZone) };
}

/** The browser's time zone, in which the screens count days. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * The request of the page's URL: a missing or malformed day falls back to the last 30 days, a range
 * given backwards is put the right way round, and unknown filter values are dropped.
 */
export function insightRequestOf(
  params: URLSearchParams,
  now = new Date(),
  timeZone = browserTimeZone(),
): InsightRequest {
  const fallback = presetRange(DEFAULT_DAYS, now, timeZone);
  let from = params.get("from") ?? "";
  let to = params.get("to") ?? "";
  if (!ISO_DAY.test(from) || Number.isNaN(Date.parse(from))) from = fallback.from;
  if (!ISO_DAY.test(to) || Number.isNaN(Date.parse(to))) to = fallback.to;
  if (from > to) [from, to] = [to, from];
  const uiLanguage = params.get("uiLanguage") ?? "";
  const channel = params.get("channel") ?? "";
  const situationType = params.get("situationType") ?? "";
  return {
    from,
    to,
    uiLanguage: isUiLanguage(uiLanguage) ? uiLanguage : undefined,
    channel: TAXONOMY_ID.test(channel) ? channel : undefined,
    situationType: TAXONOMY_ID.test(situationType) ? situationType : undefined,
    timeZone,
  };
}

/** The page's query string for a request with some values changed (the time zone stays the browser's). */
export function insightHref(request: InsightRequest, change: Partial<InsightRequest> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...request, ...change })) {
    if (key !== "timeZone" && value !== undefined && value !== "") params.set(key, String(value));
  }
  return params;
}
