import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";

/** The "← Back to drills" link at the top of a drill run and of a set's results. */
export function BackToDrills() {
  const { t } = useTranslation();
  return (
    <p className="back-link no-print">
      <Link to={paths.drills.getHref()}>
        <span aria-hidden="true">← </span>
        {t("drills.run.backToDrills")}
      </Link>
    </p>
  );
}
