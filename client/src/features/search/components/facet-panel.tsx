import type { FacetName, SearchResponse, Taxonomy } from "@practice-kb/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ChannelIcon } from "@/components/icons";
import { languageName } from "@/lib/languages";
import { useLabels, useTaxonomy } from "@/lib/taxonomy";
import { FACETS, type SearchState } from "../search-params";

interface FacetPanelProps {
  state: SearchState;
  facets: SearchResponse["facets"] | null;
  activeCount: number;
  onToggle: (facet: FacetName, value: string) => void;
  onClear: () => void;
}

const TAXONOMY_LIST: Partial<Record<FacetName, keyof Taxonomy>> = {
  situationType: "situationTypes",
  channel: "channels",
  audience: "audiences",
};

function chipOrder(facet: FacetName, taxonomy: Taxonomy | null): string[] {
  const list = TAXONOMY_LIST[facet];
  if (list && taxonomy) return taxonomy[list].map((entry) => entry.id);
  if (facet === "language") return ["uk", "pl", "ru", "en"];
  return [];
}

/** Filter chips with counts; a chip is a toggle button, pressed while its filter is active. */
export function FacetPanel({ state, facets, activeCount, onToggle, onClear }: FacetPanelProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const taxonomy = useTaxonomy();
  // Open on wide screens; on a phone the filters fold away so results come first.
  const [open, setOpen] = useState(
    () => activeCount > 0 || typeof window.matchMedia !== "function" || window.matchMedia("(min-width: 56rem)").matches,
  );

  const labelOf = (facet: FacetName, id: string) => {
    if (facet === "situationType") return labels.situationType(id);
    if (facet === "channel") return labels.channel(id);
    if (facet === "audience") return labels.audience(id);
    return languageName(id);
  };

  // An empty filter box (nothing found, nothing selected) is only noise next to the empty state.
  const hasChips = FACETS.some(
    (facet) => state.filters[facet].length > 0 || (facets?.[facet] ?? []).some((bucket) => bucket.count > 0),
  );
  if (!hasChips) return null;

  return (
    <details className="filters" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="filters-summary">
        <span className="filters-title">{t("search.filters")}</span>
        {activeCount > 0 && <span className="filters-count">{activeCount}</span>}
      </summary>
      {FACETS.map((facet) => {
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
              {t(`search.facets.${facet}`)}
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
                      {facet === "channel" && <ChannelIcon channel={id} />}
                      <span className="chip-label" lang={facet === "language" ? id : undefined}>
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
