import {
  CONTENT_LANGUAGES,
  FACET_NAMES,
  FACETS,
  type FacetName,
  type SearchResponse,
  type Taxonomy,
} from "@practice-kb/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ChannelIcon } from "@/components/icons";
import { languageName } from "@/lib/languages";
import { useLabels, useTaxonomy } from "@/lib/taxonomy";
import { toUiLanguage } from "@/lib/ui-language";
import { FACET_HEADINGS } from "../facet-headings";
import type { SearchState } from "../search-params";

interface FacetPanelProps {
  state: SearchState;
  facets: SearchResponse["facets"] | null;
  activeCount: number;
  onToggle: (facet: FacetName, value: string) => void;
  onClear: () => void;
}

/** A facet's values in their usual order: its taxonomy list's, or the content languages'. */
function chipOrder(facet: FacetName, taxonomy: Taxonomy | null): readonly string[] {
  const values = FACETS[facet].values;
  if (values === "languages") return CONTENT_LANGUAGES;
  return taxonomy ? taxonomy[values].map((entry) => entry.id) : [];
}

/** Filter chips with counts; a chip is a toggle button, pressed while its filter is active. */
export function FacetPanel({ state, facets, activeCount, onToggle, onClear }: FacetPanelProps) {
  const { t, i18n } = useTranslation();
  const language = toUiLanguage(i18n.resolvedLanguage ?? i18n.language) ?? "en";
  const labels = useLabels();
  const taxonomy = useTaxonomy();
  // Open on wide screens; on a phone the filters fold away so results come first.
  const [open, setOpen] = useState(
    () => activeCount > 0 || typeof window.matchMedia !== "function" || window.matchMedia("(min-width: 56rem)").matches,
  );

  const labelOf = (facet: FacetName, id: string) => {
    const values = FACETS[facet].values;
    return values === "languages" ? languageName(id) : labels.entry(values, id);
  };

  // An empty filter box (nothing found, nothing selected) is only noise next to the empty state.
  const hasChips = FACET_NAMES.some(
    (facet) => state.filters[facet].length > 0 || (facets?.[facet] ?? []).some((bucket) => bucket.count > 0),
  );
  if (!hasChips) return null;

  return (
    <details className="filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="filters-summary">
        <span className="filters-title">{t("search.filters")}</span>
        {activeCount > 0 && <span className="filters-count">{activeCount}</span>}
      </summary>
      {FACET_NAMES.map((facet) => {
        const counts = new Map((facets?.[facet] ?? []).map((bucket) => [bucket.id, bucket.count]));
        const selected = state.filters[facet];
        // Taxonomy order keeps chips from jumping around as counts change while typing;
        // ids the taxonomy does not know yet still appear, after the known ones.
        const known = chipOrder(facet, taxonomy);
        const ids = [...new Set([...known, ...counts.keys(), ...selected])].filter(
          (id) => (counts.get(id) ?? 0) > 0 || selected.includes(id),
        );
        if (ids.length === 0) return null;
        const headingId = `facet-${facet}`;
        return (
          <section key={facet} className="facet" aria-labelledby={headingId}>
            <h2 id={headingId} className="facet-title">
              {FACET_HEADINGS[facet][language]}
            </h2>
            <ul className="chips">
              {ids.map((id) => {
                const pressed = selected.includes(id);
                const count = counts.get(id) ?? 0;
                return (
                  <li key={id}>
                    <button
                      type="button"
                      className="chip"
                      aria-pressed={pressed}
                      data-facet={facet}
                      data-value={id}
                      onClick={() => onToggle(facet, id)}
                    >
                      {pressed && (
                        <span className="chip-check" aria-hidden="true">
                          ✓
                        </span>
                      )}
                      {FACETS[facet].values === "channels" && <ChannelIcon channel={id} />}
                      <span className="chip-label" lang={FACETS[facet].values === "languages" ? id : undefined}>
                        {labelOf(facet, id)}
                      </span>
                      <span className="chip-count">
                        <span className="visually-hidden">, </span>
                        <span aria-hidden="true">{count}</span>
                        <span className="visually-hidden">{t("search.facetCount", { count })}</span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {activeCount > 0 && (
        <button type="button" className="button button-link clear-filters" onClick={onClear}>
          {t("search.clearFilters")}
        </button>
      )}
    </details>
  );
}
