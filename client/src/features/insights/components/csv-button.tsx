import { useTranslation } from "react-i18next";
import { type CsvValue, downloadCsv, toCsv } from "../csv";

interface CsvButtonProps {
  /** What the figures are, for the button's accessible name ("Download “Unanswered” as CSV"). */
  name: string;
  /** The downloaded file's name, without ".csv". */
  fileName: string;
  header: string[];
  /** Built on click, so a large table costs nothing until it is asked for. */
  rows: () => CsvValue[][];
}

/** "Download CSV" for the figures of one panel. */
export function CsvButton({ name, fileName, header, rows }: CsvButtonProps) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button button-secondary button-small"
      onClick={() => downloadCsv(`${fileName}.csv`, toCsv(header, rows()))}
      aria-label={t("insights.downloadCsvOf", { name })}
    >
      {t("insights.downloadCsv")}
    </button>
  );
}
