import { type Ref, useEffect, useRef, useState } from "react";
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

/** Where a role-play stands: the librarian looks away while the reader reads, they talk, then both see the practice. */
type Phase = "handover" | "brief" | "talk" | "practice";

/**
 * Role-play for two at one screen: one person plays the reader from a brief derived from the situation, the other
 * answers live without having read it; then both see the approved practice. Nothing is recorded.
 */
export function RolePlayPage({ setId, name, cards }: { setId: string; name: string; cards: RolePlayCard[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [index, setIndex] = useState(0);
  const [phase, setPhase] = useState<Phase>("handover");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const title = t("drills.rolePlay.title", { name });
  useDocumentTitle(title, t("app.name"));
  // each phase's heading takes the focus, so a keyboard or screen reader user starts reading there
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus follows the phase and the card
  useEffect(() => headingRef.current?.focus(), [phase, index]);
  const card = cards[index];
  const position = t("drills.rolePlay.progress", { current: index + 1, total: cards.length });
  return (
    <div className="drills-page">
      <BackToDrills />
      <h1 className="page-title">{title}</h1>
      <p className="drill-set-actions">
        <Link to={paths.drillCards.getHref(setId)}>{t("drills.rolePlay.printCards")}</Link>
      </p>
      {!card ? (
        <section className="drill-panel" aria-labelledby="role-play-phase">
          <h2 id="role-play-phase" ref={headingRef} tabIndex={-1}>
            {cards.length === 0 ? t("drills.run.empty") : t("drills.rolePlay.done")}
          </h2>
          <Link className="button" to={paths.drills.getHref()}>
            {t("drills.run.back")}
          </Link>
        </section>
      ) : phase === "handover" ? (
        <PhaseStep
          position={position}
          heading={t("drills.rolePlay.handoverTitle")}
          headingRef={headingRef}
          text={t("drills.rolePlay.handover")}
          action={t("drills.rolePlay.showBrief")}
          onAction={() => setPhase("brief")}
        />
      ) : phase === "brief" ? (
        <div className="drill-panel">
          <p className="drill-progress">{position}</p>
          <RolePlayBriefCard
            brief={rolePlayBrief(card.item, t, labels)}
            language={card.item.language}
            heading={t("drills.rolePlay.briefTitle")}
            headingId="role-play-phase"
            headingRef={headingRef}
          />
          <button type="button" className="button" onClick={() => setPhase("talk")}>
            {t("drills.rolePlay.hideBrief")}
          </button>
        </div>
      ) : phase === "talk" ? (
        <PhaseStep
          position={position}
          heading={t("drills.rolePlay.talkTitle")}
          headingRef={headingRef}
          text={t("drills.rolePlay.talk")}
          action={t("drills.rolePlay.showPractice")}
          onAction={() => setPhase("practice")}
        />
      ) : (
        <section className="drill-panel" aria-labelledby="role-play-phase">
          <p className="drill-progress">{position}</p>
          <h2 id="role-play-phase" ref={headingRef} tabIndex={-1}>
            {t("drills.rolePlay.practiceTitle")}
          </h2>
          <div className="drill-compare">
            <RolePlayBriefCard
              brief={rolePlayBrief(card.item, t, labels)}
              language={card.item.language}
              heading={t("drills.rolePlay.briefTitle")}
              headingId="role-play-brief-again"
            />
            <PracticeSide practice={card.practice} headingId="role-play-practice" />
          </div>
          <button
            type="button"
            className="button"
            onClick={() => {
              setIndex((current) => current + 1);
              setPhase("handover");
            }}
          >
            {index + 1 < cards.length ? t("drills.rolePlay.next") : t("drills.rolePlay.finish")}
          </button>
        </section>
      )}
    </div>
  );
}

/** A step of the role-play that only says what to do next: its heading takes the focus, one button moves on. */
function PhaseStep(props: {
  position: string;
  heading: string;
  headingRef: Ref<HTMLHeadingElement>;
  text: string;
  action: string;
  onAction: () => void;
}) {
  return (
    <section className="drill-panel" aria-labelledby="role-play-phase">
      <p className="drill-progress">{props.position}</p>
      <h2 id="role-play-phase" ref={props.headingRef} tabIndex={-1}>
        {props.heading}
      </h2>
      <p>{props.text}</p>
      <button type="button" className="button" onClick={props.onAction}>
        {props.action}
      </button>
    </section>
  );
}
