import { useTranslation } from "react-i18next";
import type { MeaningProgress } from "../api/get-meaning-progress";

/** After a bulk import: how many practices search by meaning does not cover yet, and about how long that lasts. */
export function MeaningProgressNote({ progress }: { progress: MeaningProgress | undefined }) {
  const { t } = useTranslation();
  if (!progress || progress.status === "off" || progress.pending === 0) return null;
  const minutes = progress.etaSeconds === undefined ? undefined : Math.max(1, Math.ceil(progress.etaSeconds / 60));
  return (
    <p className="notice meaning-progress" role="status">
      {t("insights.meaning.pending", { count: progress.pending })}{" "}
      {minutes === undefined
        ? t("insights.meaning.waiting")
        : t("insights.meaning.eta", { count: minutes, perSecond: progress.perSecond })}
    </p>
  );
}
