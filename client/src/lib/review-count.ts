import { reviewQueueSchema } from "@practice-kb/shared";
import { useEffect, useSyncExternalStore } from "react";
import { paths } from "@/config/paths";
import { apiRequest } from "./api-client";

// How many items wait for a curator, for the badge in the navigation. Curators' actions anywhere in
// the app call refreshReviewCount(); the badge also refreshes every minute and when the tab regains focus.

const countsSchema = reviewQueueSchema.pick({ counts: true });
const REFRESH_MS = 60_000;

let count: number | null = null;
// Only a team lead's navigation shows the badge; for anyone else there is nothing to refresh.
let shown = false;
let inFlight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

/** Sets the number from a queue just loaded in full (the review page), so badge and page agree. */
export function setReviewCount(total: number): void {
  if (count === total) return;
  count = total;
  emit();
}

/** Fetches the queue's counts again (one request at a time); failures keep the last known number. */
export function refreshReviewCount(): Promise<void> {
  if (!shown) return Promise.resolve();
  inFlight ??= apiRequest(paths.api.reviewQueue, countsSchema)
    .then((result) => {
      count = result.counts.total;
      emit();
    })
    .catch(() => undefined)
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The number of items in the review queue, or null until known (or when `enabled` is false). */
export function useReviewCount(enabled: boolean): number | null {
  const value = useSyncExternalStore(subscribe, () => count);
  useEffect(() => {
    shown = enabled;
    if (!enabled) {
      count = null;
      return;
    }
    void refreshReviewCount();
    const timer = window.setInterval(() => void refreshReviewCount(), REFRESH_MS);
    const onFocus = () => void refreshReviewCount();
    window.addEventListener("focus", onFocus);
    return () => {
      shown = false;
      window.clearInterval(timer);
      window.removeEventListener("focus", onFocus);
    };
  }, [enabled]);
  return enabled ? value : null;
}
