import type { RankedHit } from "@practice-kb/shared";
import { type KeyboardEvent, memo } from "react";
import { PracticeCard } from "@/components/practice-card";

interface ResultListProps {
  hits: RankedHit[];
  labelledBy: string;
  onOpen: (id: string) => void;
  /** ArrowUp from the first result: back to the search box. */
  onLeaveTop: () => void;
}

/** Focuses the result link at `index` within a result list element (links folded away in a closed section skipped). */
export function focusResult(list: HTMLElement | null, index: number): boolean {
  const links = [...(list?.querySelectorAll<HTMLAnchorElement>("[data-result-link]") ?? [])].filter(
    (link) => !link.closest("details:not([open])"),
  );
  const link = links[index];
  if (!link) return false;
  link.focus();
  link.scrollIntoView({ block: "nearest" });
  return true;
}

/**
 * The result cards; ArrowUp/ArrowDown move focus between their links (roving focus). Memoised: while the
 * next search loads, the page re-renders to show it is busy, and the cards have not changed yet.
 */
export const ResultList = memo(function ResultList({ hits, labelledBy, onOpen, onLeaveTop }: ResultListProps) {
  function handleKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>("[data-result-link]")];
    const current = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (current === -1) return;
    event.preventDefault();
    if (event.key === "ArrowUp" && current === 0) {
      onLeaveTop();
      return;
    }
    const next = event.key === "ArrowDown" ? Math.min(current + 1, links.length - 1) : current - 1;
    focusResult(event.currentTarget, next);
  }

  return (
    <ol className="results" aria-labelledby={labelledBy} onKeyDown={handleKeyDown}>
      {hits.map((hit) => (
        <li key={hit.id}>
          <PracticeCard hit={hit} onOpen={onOpen} />
        </li>
      ))}
    </ol>
  );
});
