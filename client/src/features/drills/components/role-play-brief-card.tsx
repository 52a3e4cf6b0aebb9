import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import type { RolePlayBrief } from "../role-play-brief";

/** The reader's brief as the person playing the reader reads it (on screen and on a printed card's front). */
export function RolePlayBriefCard({
  brief,
  language,
  heading,
  headingId,
  headingRef,
}: {
  brief: RolePlayBrief;
  language: string;
  heading: string;
  headingId: string;
  /** Given when the heading takes the focus as the brief appears. */
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { t } = useTranslation();
  return (
    <section className="drill-side role-play-brief" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {heading}
      </h2>
      <dl className="role-play-facts">
        <dt>{t("drills.rolePlay.who")}</dt>
        <dd>{brief.who}</dd>
        <dt>{t("drills.rolePlay.channel")}</dt>
        <dd>{brief.channel}</dd>
        <dt>{t("drills.rolePlay.what")}</dt>
        <dd lang={language} className="drill-situation">
          {brief.situation}
        </dd>
        <dt>{t("drills.rolePlay.feeling")}</dt>
        <dd>{brief.feeling}</dd>
        <dt>{t("drills.rolePlay.opener")}</dt>
        <dd>
          <q>{brief.opener}</q>
        </dd>
      </dl>
    </section>
  );
}
