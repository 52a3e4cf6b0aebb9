import type { PracticeDetail, SearchHit } from "@practice-kb/shared";
import { type MouseEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { ChannelList } from "@/components/channel-list";
import { PrintIcon } from "@/components/icons";
import { LanguageBadge } from "@/components/language-badge";
import { paths } from "@/config/paths";
import { useDetailLines } from "@/lib/practice-fields";
import { useLabels } from "@/lib/taxonomy";
import { sendOutcome } from "../api/send-outcome";
import { FeedbackForm } from "./feedback-form";
import { PhraseLists } from "./phrase-lists";
import { RelatedList } from "./related-list";
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
}

/** A practice as a desk card: situation, numbered steps, say/avoid phrases, feedback and related practices. */
export function PracticeView({ practice, related }: PracticeViewProps) {
  const { t } = useTranslation();
  const labels = useLabels();
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
            {labels.situationType(practice.situationType)}
          </span>
          <ChannelList channels={practice.channels} />
          {practice.audiences.length > 0 && (
            <span className="audiences">
              <span className="visually-hidden">{t("practice.audiences")}: </span>
              {practice.audiences.map((id) => labels.audience(id)).join(", ")}
            </span>
          )}
          <LanguageBadge language={practice.language} />
        </div>
      </header>

      <WorkflowPanel practice={practice} />

      <section className="practice-section" aria-labelledby="situation-heading">
        <h2 id="situation-heading">{t("practice.situation")}</h2>
        {paragraphs.map((paragraph) => (
          <p key={paragraph} lang={practice.language} className="situation">
            {paragraph}
          </p>
        ))}
      </section>

      <section className="practice-section" aria-labelledby="steps-heading">
        <h2 id="steps-heading">{t("practice.steps")}</h2>
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
      />

      {details.length > 0 && (
        <dl className="practice-details">
          {details.map((line) => (
            // A date is for the team, not for the printed desk card.
            <div key={line.field} className={line.written ? undefined : "no-print"}>
              <dt>{line.label}</dt>
              <dd lang={line.written ? practice.language : undefined}>{line.value}</dd>
            </div>
          ))}
        </dl>
      )}

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
