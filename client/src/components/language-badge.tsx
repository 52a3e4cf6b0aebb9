import { useTranslation } from "react-i18next";
import { languageName } from "@/lib/languages";

/** The language a practice is written in, named in that language. */
export function LanguageBadge({ language }: { language: string }) {
  const { t } = useTranslation();
  return (
    <span className="badge">
      <span className="visually-hidden">{t("card.language")}: </span>
      <span lang={language}>{languageName(language)}</span>
    </span>
  );
}
