import { useTranslation } from "react-i18next";

/** Date and time formatters in the UI language ("26 Nov 2026, 15:36"), or in the language given (a printed card's). */
export function useFormatters(inLanguage?: string) {
  const { i18n } = useTranslation();
  const language = inLanguage ?? i18n.resolvedLanguage ?? "en";
  return {
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
    // Review-by dates are calendar days (YYYY-MM-DD): formatted in UTC so no time zone shifts the day.
    date: (day: string) =>
      new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
        new Date(`${day.slice(0, 10)}T00:00:00Z`),
      ),
  };
}
