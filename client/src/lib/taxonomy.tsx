import { labelFor, TAXONOMY_KINDS, type Taxonomy, type TaxonomyKind, taxonomySchema } from "@practice-kb/shared";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { paths } from "@/config/paths";
import { apiRequest } from "./api-client";

/** Fetches the situation types, channels and audiences with their labels in every UI language. */
export function getTaxonomy(signal?: AbortSignal): Promise<Taxonomy> {
  return apiRequest(paths.api.taxonomy, taxonomySchema, { signal });
}

const TaxonomyContext = createContext<Taxonomy | null>(null);

/** Makes the taxonomy loaded by the root route available to every page. */
export function TaxonomyProvider({ taxonomy, children }: { taxonomy: Taxonomy | null; children: ReactNode }) {
  return <TaxonomyContext.Provider value={taxonomy}>{children}</TaxonomyContext.Provider>;
}

/** The taxonomy, or null when it could not be loaded (labels then fall back to readable ids). */
export function useTaxonomy(): Taxonomy | null {
  return useContext(TaxonomyContext);
}

// When the taxonomy is missing an entry, "children-families" still reads better as "Children families".
function readableId(id: string): string {
  const words = id.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface Labels {
  situationType: (id: string) => string;
  channel: (id: string) => string;
  audience: (id: string) => string;
  /** The label of an entry of any taxonomy list. */
  entry: (kind: TaxonomyKind, id: string) => string;
}

/** The label lookup for the entries of one taxonomy list. */
export function labelsOf(labels: Labels, kind: TaxonomyKind): (id: string) => string {
  return (id) => labels.entry(kind, id);
}

/** Label lookups for taxonomy ids in the current UI language, or in the language given (a printed card's). */
export function useLabels(inLanguage?: string): Labels {
  const taxonomy = useTaxonomy();
  const { i18n } = useTranslation();
  const language = inLanguage ?? i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const lookup = (list: Taxonomy["situationTypes"] | undefined) => {
      const byId = new Map((list ?? []).map((entry) => [entry.id, entry]));
      return (id: string) => labelFor(byId.get(id), language, readableId(id));
    };
    const byKind = Object.fromEntries(TAXONOMY_KINDS.map((kind) => [kind, lookup(taxonomy?.[kind])])) as Record<
      TaxonomyKind,
      (id: string) => string
    >;
    return {
      situationType: byKind.situationTypes,
      channel: byKind.channels,
      audience: byKind.audiences,
      entry: (kind, id) => byKind[kind](id),
    };
  }, [taxonomy, language]);
}
