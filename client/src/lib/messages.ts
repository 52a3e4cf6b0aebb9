import { UI_LANGUAGES } from "@practice-kb/shared";
import i18n from "i18next";
import type { MessageBundle } from "@/locales/types";

// Strings of the pages most desk visits never open travel with those pages, so the first load only
// carries the search, the practice card and the login (the initial-JavaScript budget is 200 KB).
const BUNDLES = {
  workflow: () => import("@/locales/workflow"),
  admin: () => import("@/locales/admin"),
  insights: () => import("@/locales/insights"),
  drills: () => import("@/locales/drills"),
} satisfies Record<string, () => Promise<{ messages: MessageBundle }>>;

export type BundleName = keyof typeof BUNDLES;

const loading = new Map<BundleName, Promise<void>>();

/** Adds a bundle's strings to the default namespace (all four languages, so switching needs no wait). */
export function loadMessages(name: BundleName): Promise<void> {
  let promise = loading.get(name);
  if (!promise) {
    promise = BUNDLES[name]().then(({ messages }) => {
      for (const language of UI_LANGUAGES) {
        i18n.addResourceBundle(language, "translation", messages[language], true, true);
      }
    });
    // A failed chunk load (a deploy in between) may be retried by the next navigation.
    promise.catch(() => loading.delete(name));
    loading.set(name, promise);
  }
  return promise;
}
