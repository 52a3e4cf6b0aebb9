import type { FacetName, SearchResponse } from "@practice-kb/shared";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigationType, useSearchParams } from "react-router";
import { resultLinkId } from "@/components/practice-card";
import { EngineDownBanner, LoadingBar } from "@/components/status";
import { paths } from "@/config/paths";
import { hasFinePointer } from "@/lib/dom";
import { revealResults } from "../reveal-results";
import {
  countFilters,
  MAX_SIZE,
  PAGE_SIZE,
  type SearchState,
  toggleFilter,
  withoutFilters,
  withQuery,
} from "../search-params";
import { EmptyState } from "./empty-state";
import { FacetPanel } from "./facet-panel";
import { MatchedResults } from "./matched-results";
import { focusResult } from "./result-list";
import { SEARCH_INPUT_ID, SearchBox } from "./search-box";

/** What the search route's loader hands the page. */
export interface SearchPageData {
  state: SearchState;
  result: SearchResponse | null;
  unavailable: boolean;
}

interface SearchPageProps {
  data: SearchPageData;
  busy: boolean;
  /** The layout already shows the engine-down banner (from the health check). */
  bannerShown: boolean;
  onRetry: () => void;
}

const RESULTS_ID = "results";

// The practice last opened from the results, so coming back puts focus where the user left off.
let lastOpenedId: string | null = null;

// Module-level, so the memoised result list is not re-rendered for new callbacks on every keystroke.
function rememberOpened(id: string) {
  lastOpenedId = id;
}

function focusSearchInput() {
  document.getElementById(SEARCH_INPUT_ID)?.focus();
}

/** The home page: search box, facet chips, results, and the empty and engine-down states. */
export function SearchPage({ data, busy, bannerShown, onRetry }: SearchPageProps) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigationType = useNavigationType();
  const location = useLocation();
  const resultsRef = useRef<HTMLDivElement>(null);
  const { state, result, unavailable } = data;
  const activeFilters = countFilters(state);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only on arrival; later URL changes come from this page.
  useEffect(() => {
    const opened = lastOpenedId;
    lastOpenedId = null;
    if (opened && navigationType === "POP") {
      const link = document.getElementById(resultLinkId(opened));
      if (link) {
        link.focus();
        return;
      }
    }
    const wantsSearch = (location.state as { focusSearch?: boolean } | null)?.focusSearch;
    if (wantsSearch || hasFinePointer()) document.getElementById(SEARCH_INPUT_ID)?.focus();
  }, []);

  const focusWhenLoaded = useRef(false);
  useEffect(() => {
    if (focusWhenLoaded.current && !busy) {
      focusWhenLoaded.current = false;
      focusResult(resultsRef.current, 0);
    }
  }, [busy]);

  // A chip tap changes the list; once the new one is in, bring it into view (on a phone, see revealResults).
  const revealWhenLoaded = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a new answer is shown.
  useEffect(() => {
    if (!revealWhenLoaded.current || busy) return;
    revealWhenLoaded.current = false;
    revealResults(resultsRef.current);
  }, [busy, result]);

  function search(q: string) {
    // Starting a search adds a history entry; refining it replaces that entry, so Back is useful.
    const replace = state.q.trim() !== "";
    setSearchParams(withQuery(searchParams, q), { replace, preventScrollReset: true, state: { fromTyping: true } });
  }

  function toggle(facet: FacetName, value: string) {
    revealWhenLoaded.current = true;
    setSearchParams(toggleFilter(searchParams, facet, value), { preventScrollReset: true });
  }

  function showMore() {
    const next = new URLSearchParams(searchParams);
    next.set("size", String(Math.min(state.size + PAGE_SIZE, MAX_SIZE)));
    setSearchParams(next, { replace: true, preventScrollReset: true });
  }

  const hits = result?.hits ?? [];
  const total = result?.total ?? 0;
  const suggestionHref = result?.suggestion ? paths.home.getHref(withQuery(searchParams, result.suggestion)) : null;

  return (
    <div className="search-page">
      <h1 className="page-title">{t("search.heading")}</h1>
      <SearchBox
        value={state.q}
        external={navigationType === "POP" || !(location.state as { fromTyping?: boolean } | null)?.fromTyping}
        busy={busy}
        resultsId={RESULTS_ID}
        onSearch={search}
        onEnterResults={(searching) => {
          // Results about to change would swallow the focus; move in once the fresh ones arrive.
          if (searching || busy) focusWhenLoaded.current = true;
          else focusResult(resultsRef.current, 0);
        }}
      />
      {unavailable && !bannerShown && <EngineDownBanner onRetry={onRetry} />}
      <div className="search-layout">
        <FacetPanel
          state={state}
          facets={result?.facets ?? null}
          activeCount={activeFilters}
          onToggle={toggle}
          onClear={() => {
            revealWhenLoaded.current = true;
            setSearchParams(withoutFilters(searchParams), { preventScrollReset: true });
          }}
        />
        <section
          id={RESULTS_ID}
          className="results-area"
          aria-labelledby="results-heading"
          aria-busy={busy}
          data-query={result ? state.q.trim() : undefined}
          ref={resultsRef}
        >
          <LoadingBar active={busy} />
          <h2 id="results-heading" className="visually-hidden">
            {t("search.resultsHeading")}
          </h2>
          {result && (
            <>
              <p className="results-count" role="status">
                {busy ? t("search.loading") : t("search.results", { count: total })}
              </p>
              {result.interpretedQuery && (
                <p className="interpreted">{t("search.interpretedAs", { query: result.interpretedQuery })}</p>
              )}
              {suggestionHref && result.suggestion && (
                <p className="suggestion">
                  {t("search.didYouMean")}{" "}
                  <Link to={suggestionHref} preventScrollReset>
                    {result.suggestion}
                  </Link>
                  ?
                </p>
              )}
              {hits.length > 0 ? (
                <MatchedResults
                  hits={hits}
                  goodMatch={result.goodMatch}
                  query={state.q}
                  onOpen={rememberOpened}
                  onLeaveTop={focusSearchInput}
                />
              ) : (
                <EmptyState query={state.q} />
              )}
              {hits.length < total &&
                (state.size < MAX_SIZE ? (
                  <button type="button" className="button button-secondary show-more" onClick={showMore}>
                    {t("search.showMore")}
                  </button>
                ) : (
                  <p className="refine">{t("search.refine", { shown: hits.length, total })}</p>
                ))}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
