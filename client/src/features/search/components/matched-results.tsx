import type { RankedHit } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { ResultList } from "./result-list";

/** ArrowUp from the first weaker match, below strong ones, stays in the list. */
const stayInList = () => {};

interface MatchedResultsProps {
  hits: RankedHit[];
  goodMatch: boolean;
  query: string;
  onOpen: (id: string) => void;
  /** ArrowUp from the first result: back to the search box. */
  onLeaveTop: () => void;
}

/**
 * The answer and the rest: strong hits first, as the list; weak ones folded under "Weaker matches". When
 * nothing is a good match the page says so plainly and offers to propose a practice, with the query.
 */
export function MatchedResults({ hits, goodMatch, query, onOpen, onLeaveTop }: MatchedResultsProps) {
  const { t } = useTranslation();
  // The server marks strong hits as a prefix of the ranking; without a good match all of them are weak.
  const strong = goodMatch ? hits.filter((hit) => hit.match === "strong") : [];
  const weak = hits.filter((hit) => !strong.includes(hit));
  return (
    <>
      {strong.length > 0 ? (
        <ResultList hits={strong} labelledBy="results-heading" onOpen={onOpen} onLeaveTop={onLeaveTop} />
      ) : (
        <div className="empty-state no-good-match">
          <h3 className="empty-title">{t("search.noGoodMatch.title")}</h3>
          <p>{t("search.noGoodMatch.text")}</p>
          <p>{t("search.empty.proposeText")}</p>
          <Link className="button button-primary" to={paths.propose.getHref(query)}>
            {t("search.empty.propose")}
          </Link>
        </div>
      )}
      {weak.length > 0 && (
        <details className="weaker-matches">
          <summary id="weaker-matches-heading">{t("search.weaker", { count: weak.length })}</summary>
          <ResultList
            hits={weak}
            labelledBy="weaker-matches-heading"
            onOpen={onOpen}
            onLeaveTop={strong.length > 0 ? stayInList : onLeaveTop}
          />
        </details>
      )}
    </>
  );
}
