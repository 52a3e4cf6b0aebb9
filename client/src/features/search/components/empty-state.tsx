import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";

/** "Nothing found": what to try next, and a way to add the missing practice. */
export function EmptyState({ query }: { query: string }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <h3 className="empty-title">{t("search.empty.title")}</h3>
      <p>{t("search.empty.text")}</p>
      <p>{t("search.empty.proposeText")}</p>
      <Link className="button button-primary" to={paths.propose.getHref(query)}>
        {t("search.empty.propose")}
      </Link>
    </div>
  );
}
