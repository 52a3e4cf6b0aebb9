import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { useDocumentTitle } from "@/lib/dom";
import { useLabels } from "@/lib/taxonomy";
import type { RolePlayCard } from "../api/get-role-play";
import { rolePlayBrief } from "../role-play-brief";
import { BackToDrills } from "./back-to-drills";
import { PracticeSide } from "./drill-reveal";
import { RolePlayBriefCard } from "./role-play-brief-card";

/** How cards sit on A4: one card per sheet, or two (A5 halves) to cut apart. */
export const CARD_LAYOUTS = ["page", "half"] as const;
export type CardLayout = (typeof CARD_LAYOUTS)[number];

/**
 * A set's role-play cards to print double-sided (flip on the long edge): each sheet's front holds the readers'
 * briefs and its back the practices, in the same places, so a cut card has its brief on one side and its practice
 * on the other.
 */
export function RolePlayCardsPage({
  setId,
  name,
  cards,
  layout,
}: {
  setId: string;
  name: string;
  cards: RolePlayCard[];
  layout: CardLayout;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const title = t("drills.cards.title", { name });
  useDocumentTitle(title, t("app.name"));
  const perSheet = layout === "half" ? 2 : 1;
  const sheets: { card: RolePlayCard; number: number }[][] = [];
  cards.forEach((card, index) => {
    if (index % perSheet === 0) sheets.push([]);
    sheets[sheets.length - 1]?.push({ card, number: index + 1 });
  });
  return (
    <div className="drills-page">
      <BackToDrills />
      <div className="no-print">
        <h1 className="page-title">{title}</h1>
        <p>{t("drills.cards.intro")}</p>
        <nav className="drill-set-actions" aria-label={t("drills.cards.layout")}>
          {CARD_LAYOUTS.map((each) => (
            <Link
              key={each}
              to={paths.drillCards.getHref(setId, each)}
              aria-current={each === layout ? "page" : undefined}
              className={each === layout ? "button" : "button button-secondary"}
            >
              {t(`drills.cards.layouts.${each}`)}
            </Link>
          ))}
          <button type="button" className="button" onClick={() => window.print()}>
            {t("drills.cards.print", { count: cards.length })}
          </button>
        </nav>
      </div>
      {cards.length === 0 && <p>{t("drills.run.empty")}</p>}
      <div className={`print-sheets print-sheets-${layout}`}>
        {sheets.map((sheet) => (
          <div key={sheet[0]?.number} className="print-sheet-pair">
            <section className="print-sheet" aria-label={t("drills.cards.front", { number: sheet[0]?.number })}>
              {sheet.map(({ card, number }) => (
                <article key={number} className="print-card">
                  <RolePlayBriefCard
                    brief={rolePlayBrief(card.item, t, labels)}
                    language={card.item.language}
                    heading={t("drills.cards.briefHeading", { number })}
                    headingId={`card-${number}-brief`}
                  />
                </article>
              ))}
            </section>
            <section className="print-sheet" aria-label={t("drills.cards.back", { number: sheet[0]?.number })}>
              {sheet.map(({ card, number }) => (
                <article key={number} className="print-card">
                  <p className="print-card-number">{t("drills.cards.practiceHeading", { number })}</p>
                  <PracticeSide practice={card.practice} headingId={`card-${number}-practice`} />
                </article>
              ))}
            </section>
          </div>
        ))}
      </div>
    </div>
  );
}
