import type { TaxonomyEntry } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { useFetcher } from "react-router";
import type { TaxonomyResult } from "../taxonomy-action";

/** All forms of the page post through this one fetcher, so the page can report each outcome in one place. */
const FETCHER = "taxonomy-change";

/** The fetcher every form of the taxonomy page posts through (one key, so the page sees each outcome). */
export function useTaxonomyChange() {
  return useFetcher<TaxonomyResult>({ key: FETCHER });
}

/** The label of an entry in the UI language (English, then the id, when missing). */
export function useEntryLabel() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  return (entry: TaxonomyEntry) => entry.labels[language] ?? entry.labels.en ?? entry.id;
}
