import type { MyDrillHistory } from "@practice-kb/shared/drills";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { useFormatters } from "@/lib/format";

/** The learner's own drills: what they answered, how they rated it, when it comes back. */
export function HistoryTable({ history }: { history: MyDrillHistory }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (history.attempts.length === 0) return <p>{t("drills.history.empty")}</p>;
  return (
    <>
      <p>{t("drills.history.totals", history.totals)}</p>
      <div className="table-scroll">
        <table className="data-table drill-history">
          <thead>
            <tr>
              <th scope="col">{t("drills.history.practice")}</th>
              <th scope="col">{t("drills.history.rating")}</th>
              <th scope="col">{t("drills.history.when")}</th>
              <th scope="col">{t("drills.history.next")}</th>
              <th scope="col">{t("drills.history.answer")}</th>
            </tr>
          </thead>
          <tbody>
            {history.attempts.map((attempt) => (
              <tr key={attempt.id}>
                <td>
                  {attempt.title ? (
                    <Link to={paths.practice.getHref(attempt.practiceId)}>{attempt.title}</Link>
                  ) : (
                    `${attempt.practiceId} ${t("drills.history.gone")}`
                  )}
                </td>
                <td>{t(`drills.rating.${attempt.rating}`)}</td>
                <td>{format.dateTime(attempt.at)}</td>
                <td>{format.dateTime(attempt.due)}</td>
                <td className="drill-answer-cell">{attempt.answer ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
