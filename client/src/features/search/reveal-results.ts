/** From this width the filters sit beside the results (search.css), so a chip never hides them. */
const SIDE_BY_SIDE = "(min-width: 56rem)";

/**
 * After a filter chip changed the results, scrolls their start into view when the filters sit above
 * them (a phone) and the start is not in the upper part of the screen: otherwise the list changes
 * out of sight. Smooth unless the user prefers reduced motion.
 */
export function revealResults(results: HTMLElement | null): void {
  if (!results || typeof window.matchMedia !== "function") return;
  if (window.matchMedia(SIDE_BY_SIDE).matches) return;
  const top = results.getBoundingClientRect().top;
  if (top >= 0 && top <= window.innerHeight * 0.4) return;
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  results.scrollIntoView({ block: "start", behavior: reduceMotion ? "auto" : "smooth" });
}
