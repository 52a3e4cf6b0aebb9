import type { DrillSetResults, RatingCounts } from "@practice-kb/shared/drills";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { useDocumentTitle } from "@/lib/dom";
import { useFormatters } from "@/lib/format";
import { BackToDrills } from "./back-to-drills";

/** A set's results for the lead: who practised, how often, which situations were rated wrong most. */
export function SetResultsPage({ results }: { results: DrillSetResults }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const name = results.set?.name ?? t("drills.run.automaticName");
  useDocumentTitle(t("drills.results.title", { name }), t("app.name"));
  const counts = (row: RatingCounts) => (
    <>
      <td>{row.attempts}</td>
      <td>{row.handled}</td>
      <td>{row.partly}</td>
      <td>{row.wrong}</td>
    </>
  );
  const countHeadings = (
    <>
      <th scope="col">{t("drills.results.attempts")}</th>
      <th scope="col">{t("drills.results.handled")}</th>
      <th scope="col">{t("drills.results.partly")}</th>
      <th scope="col">{t("drills.results.wrong")}</th>
    </>
  );
  return (
    <div className="drills-page">
      <BackToDrills />
      <h1 className="page-title">{t("drills.results.title", { name })}</h1>
      <p className="field-hint">{t("drills.results.intro")}</p>
      {results.totals.attempts === 0 ? (
        <p>{t("drills.results.empty")}</p>
      ) : (
        <>
          <p data-testid="drill-results-totals">{t("drills.results.totals", results.totals)}</p>
          <section className="drill-panel" aria-labelledby="drill-learners">
            <h2 id="drill-learners">{t("drills.results.learners")}</h2>
            <div className="table-scroll">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("drills.results.learner")}</th>
                    {countHeadings}
                    <th scope="col">{t("drills.results.practices")}</th>
                    <th scope="col">{t("drills.results.last")}</th>
                  </tr>
                </thead>
                <tbody>
                  {results.learners.map((learner) => (
                    <tr key={learner.userId}>
                      <th scope="row">{learner.name}</th>
                      {counts(learner)}
                      <td>{learner.practices}</td>
                      <td>{format.dateTime(learner.lastAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="drill-panel" aria-labelledby="drill-wrong-most">
            <h2 id="drill-wrong-most">{t("drills.results.wrongMost")}</h2>
            <p className="field-hint">{t("drills.results.wrongHint")}</p>
            <div className="table-scroll">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("drills.history.practice")}</th>
                    {countHeadings}
                  </tr>
                </thead>
                <tbody>
                  {results.practices.map((practice) => (
                    <tr key={practice.practiceId}>
                      <th scope="row">
                        <Link to={paths.practice.getHref(practice.practiceId)} lang={practice.language ?? undefined}>
                          {practice.title ?? practice.practiceId}
                        </Link>
                      </th>
                      {counts(practice)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
