import type { PracticeDetail, PracticeTranslations, RevisionDiff, SearchHit } from "@practice-kb/shared";
import { type MouseEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { ChannelList } from "@/components/channel-list";
import { ForPrint } from "@/components/for-print";
import { PrintIcon } from "@/components/icons";
import { LanguageBadge } from "@/components/language-badge";
import { paths } from "@/config/paths";
import { PRACTICE_FIELD_VIEWS, useDetailLines } from "@/lib/practice-fields";
import { useLabels } from "@/lib/taxonomy";
import { sendOutcome } from "../api/send-outcome";
import { useCardStrings } from "../card-language";
import { CardStamp } from "./card-stamp";
import { FeedbackForm } from "./feedback-form";
import { OriginalChanged } from "./original-changed";
import { PhraseLists } from "./phrase-lists";
import { RelatedList } from "./related-list";
import { TranslateInto } from "./translate-into";
import { TranslationSwitcher } from "./translation-switcher";
import { UsedAtDeskButton } from "./used-at-desk";
import { WorkflowPanel } from "./workflow-panel";

// React's development double mount must not count one opening twice.
let lastOpened = { id: "", at: 0 };
function reportOpened(id: string) {
  if (lastOpened.id === id && performance.now() - lastOpened.at < 1000) return;
  lastOpened = { id, at: performance.now() };
  void sendOutcome("opened", id);
}

interface PracticeViewProps {
  practice: PracticeDetail;
  related: Promise<SearchHit[]>;
  /** Its versions in other languages (its translation group). */
  translations: PracticeTranslations;
  /** For a translation whose original changed since: what changed in the original. */
  originalDiff: Promise<RevisionDiff | null> | null;
}

/** A practice as a desk card: situation, numbered steps, say/avoid phrases, feedback and related practices. */
export function PracticeView({ practice, related, translations, originalDiff }: PracticeViewProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  // A printed card speaks its practice's language (headings, labels, small print), whatever the desk's.
  const cardT = useCardStrings(practice.language);
  const cardLabels = useLabels(practice.language);
  const lang = practice.language;
  const heading = (key: "practice.situation" | "practice.steps") => (
    <ForPrint screen={t(key)} print={cardT ? cardT(key) : t(key)} lang={lang} />
  );
  const navigate = useNavigate();
  const location = useLocation();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Move focus to the title on arrival so keyboard and screen-reader users start at the top of the card.
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  // The team lead's insight: the card was opened (from which search, at which rank) and printed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per card shown (the route keys it by id).
  useEffect(() => {
    if (practice.status !== "approved") return;
    reportOpened(practice.id);
    const printed = () => void sendOutcome("printed", practice.id);
    window.addEventListener("beforeprint", printed);
    return () => window.removeEventListener("beforeprint", printed);
  }, []);

  function back(event: MouseEvent<HTMLAnchorElement>) {
    // Going back (not to "/") keeps the query, filters and scroll position the user came from.
    if (location.key !== "default") {
      event.preventDefault();
      navigate(-1);
    }
  }

  const details = useDetailLines(practice);
  const paragraphs = practice.situation.split(/\n{2,}|\r\n\r\n/).filter((part) => part.trim() !== "");

  return (
    <article className="practice">
      <p className="back-link no-print">
        <Link to={paths.home.getHref()} onClick={back}>
          <span aria-hidden="true">← </span>
          {t("practice.back")}
        </Link>
      </p>
      <header className="practice-header">
        <h1 ref={headingRef} tabIndex={-1} lang={practice.language} className="practice-title">
          {practice.title}
        </h1>
        <div className="card-meta">
          <span className="type-label">
            <span className="visually-hidden">{t("practice.type")}: </span>
            <ForPrint
              screen={labels.situationType(practice.situationType)}
              print={cardLabels.situationType(practice.situationType)}
              lang={lang}
            />
          </span>
          <ChannelList channels={practice.channels} printLanguage={lang} />
          {practice.audiences.length > 0 && (
            <span className="audiences">
              <span className="visually-hidden">{t("practice.audiences")}: </span>
              <ForPrint
                screen={practice.audiences.map((id) => labels.audience(id)).join(", ")}
                print={practice.audiences.map((id) => cardLabels.audience(id)).join(", ")}
                lang={lang}
              />
            </span>
          )}
          <LanguageBadge language={practice.language} />
        </div>
        <TranslationSwitcher practice={practice} translations={translations} />
        <TranslateInto practice={practice} translations={translations} />
      </header>

      <OriginalChanged practice={practice} diff={originalDiff} />

      <WorkflowPanel practice={practice} />

      <section className="practice-section" aria-labelledby="situation-heading">
        <h2 id="situation-heading">{heading("practice.situation")}</h2>
        {paragraphs.map((paragraph) => (
          <p key={paragraph} lang={practice.language} className="situation">
            {paragraph}
          </p>
        ))}
      </section>

      <section className="practice-section" aria-labelledby="steps-heading">
        <h2 id="steps-heading">{heading("practice.steps")}</h2>
        <ol className="steps" lang={practice.language}>
          {practice.response.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </section>

      <PhraseLists
        practiceId={practice.id}
        language={practice.language}
        say={practice.sayPhrases}
        avoid={practice.avoidPhrases}
        cardT={cardT}
      />

      {details.length > 0 && (
        <dl className="practice-details">
          {details.map((line) => (
            // A date is for the team, not for the printed desk card.
            <div key={line.field} className={line.written ? undefined : "no-print"}>
              <dt>
                <ForPrint screen={line.label} print={PRACTICE_FIELD_VIEWS[line.field].words[lang].label} lang={lang} />
              </dt>
              <dd lang={line.written ? practice.language : undefined}>{line.value}</dd>
            </div>
          ))}
        </dl>
      )}

      <CardStamp practice={practice} cardT={cardT} />

      <div className="practice-actions no-print">
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          <PrintIcon />
          {t("practice.print")}
        </button>
        {practice.status === "approved" && <UsedAtDeskButton practiceId={practice.id} />}
      </div>

      {practice.status === "approved" && (
        <>
          <FeedbackForm practiceId={practice.id} />
          <RelatedList related={related} />
        </>
      )}
    </article>
  );
}
