import type { PracticeDetail } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { useFormatters } from "@/lib/format";
import { languageName } from "@/lib/languages";

/**
 * What a queue item translates ("translation of X", with a link), and when the original got a newer approved
 * text: a link to the original's changes since the revision this one was translated from.
 */
export function TranslationNote({ practice }: { practice: PracticeDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const from = practice.meta.translationOf;
  if (!from) return null;
  const changed = practice.meta.originalChanged;
  return (
    <div className={changed ? "notice notice-comment translation-note" : "translation-note"}>
      <p>
        {t("review.translationOf", { language: languageName(from.language) })}{" "}
        <Link to={paths.practice.getHref(from.id)} lang={from.language}>
          {from.title}
        </Link>
      </p>
      {changed && (
        <p>
          {t("review.originalChanged", { date: format.date(changed.at) })}{" "}
          <Link to={paths.history.getHref(from.id, { from: from.revision, to: changed.revision })}>
            {t("review.originalChanges")}
          </Link>
        </p>
      )}
    </div>
  );
}
