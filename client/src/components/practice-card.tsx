import type { SearchHit } from "@practice-kb/shared";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "@/config/paths";
import { languageName } from "@/lib/languages";
import { useLabels } from "@/lib/taxonomy";
import { ChannelList } from "./channel-list";
import { Highlighted } from "./highlighted";
import { LanguageBadge } from "./language-badge";

/** DOM id of a result's link, so keyboard navigation and focus restoring can find it. */
export function resultLinkId(practiceId: string): string {
  return `result-${practiceId}`;
}

interface PracticeCardProps {
  hit: SearchHit;
  headingLevel?: 2 | 3;
  /** Hide the fragment and steps, for compact lists such as related practices. */
  compact?: boolean;
  onOpen?: (id: string) => void;
}

/** One practice in a list: title, type, channels, language, the matching fragment and first steps. */
export function PracticeCard({ hit, headingLevel = 3, compact = false, onOpen }: PracticeCardProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const fragment = hit.highlights.situation?.[0] ?? hit.highlights.response?.[0];

  return (
    <article className={compact ? "card card-compact" : "card"}>
      <Heading className="card-title">
        <Link
          to={paths.practice.getHref(hit.id)}
          id={resultLinkId(hit.id)}
          className="card-link"
          data-result-link=""
          lang={hit.language}
          onClick={() => onOpen?.(hit.id)}
        >
          {hit.highlights.title ? <Highlighted html={hit.highlights.title} /> : hit.title}
        </Link>
      </Heading>
      <div className="card-meta">
        <span className="type-label">
          <span className="visually-hidden">{t("card.type")}: </span>
          {labels.situationType(hit.situationType)}
        </span>
        <ChannelList channels={hit.channels} />
        <LanguageBadge language={hit.language} />
      </div>
      {hit.alsoIn.length > 0 && (
        <p className="card-also-in">
          <span>{t("card.alsoIn")}</span>{" "}
          {hit.alsoIn.map((version, index) => (
            <span key={version.id}>
              {index > 0 && ", "}
              <Link to={paths.practice.getHref(version.id)} lang={version.language} hrefLang={version.language}>
                {languageName(version.language)}
              </Link>
            </span>
          ))}
        </p>
      )}
      {!compact && fragment && (
        <p className="card-fragment" lang={hit.language}>
          <Highlighted html={fragment} />
        </p>
      )}
      {!compact && hit.firstSteps.length > 0 && (
        <div className="card-steps" lang={hit.language}>
          <span className="card-steps-label">{t("search.firstSteps")}</span>
          <ol>
            {hit.firstSteps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </div>
      )}
    </article>
  );
}
