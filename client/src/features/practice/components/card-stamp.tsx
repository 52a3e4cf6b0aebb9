import type { PracticeDetail } from "@practice-kb/shared";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ForPrint } from "@/components/for-print";
import { useFormatters } from "@/lib/format";

/**
 * The card's small print: which revision it is, when it was approved and when it is due for review,
 * so an outdated card left on the desk can be recognised. On paper in the practice's language.
 */
export function CardStamp({ practice, cardT }: { practice: PracticeDetail; cardT: TFunction | null }) {
  const { t } = useTranslation();
  const onScreen = useFormatters();
  const onPaper = useFormatters(practice.language);
  const { meta, reviewBy } = practice;
  // While an edit awaits review, the card shows (and prints) the live text: its revision.
  const revision = meta.liveRevision ?? meta.revision;
  const lineIn = (translate: TFunction, format: ReturnType<typeof useFormatters>) =>
    [
      translate("practice.stampRevision", { revision }),
      meta.approvedAt ? translate("practice.stampApproved", { date: format.date(meta.approvedAt) }) : null,
      reviewBy ? translate("practice.stampReviewBy", { date: format.date(reviewBy) }) : null,
    ]
      .filter((part) => part !== null)
      .join(" · ");
  const screen = lineIn(t, onScreen);
  return (
    <p className="card-stamp">
      <small>
        <ForPrint screen={screen} print={cardT ? lineIn(cardT, onPaper) : screen} lang={practice.language} />
      </small>
    </p>
  );
}
